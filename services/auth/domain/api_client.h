#pragma once

// The ApiClient aggregate (a machine consumer of the API, stream "api_client-<id>"): a name, an
// access profile 0–5 (reference §2.5) and the SHA-256 of its secret (OAuth2 client_credentials).

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::domain {

using v1::events::ApiClientCreated;

using ApiClientEvent = std::variant<ApiClientCreated>;

inline constexpr int kMaxAccessProfile = 5;

struct ApiClientState {
  ApiClientCreated client;  // empty client_id while it does not exist
  int64_t version = 0;

  bool exists() const { return !client.client_id().empty(); }
};

struct CreateApiClient {
  std::string client_id;
  std::string name;
  int access_profile = 0;
  std::string client_secret_hash;
  absl::Time now = absl::InfinitePast();
};

using ApiClientCommand = std::variant<CreateApiClient>;

// INVALID_ARGUMENT naming name (required, at most 100 characters) or access_profile (0 to 5).
absl::Status ValidateApiClient(const CreateApiClient& command);

absl::StatusOr<std::vector<ApiClientEvent>> Decide(const ApiClientState& state,
                                                   const ApiClientCommand& command);

ApiClientState Evolve(ApiClientState state, const ApiClientEvent& event);

}  // namespace ror::auth::domain
