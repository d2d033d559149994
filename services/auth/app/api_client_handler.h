#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "services/auth/app/command_context.h"
#include "services/auth/app/session_handler.h"
#include "services/auth/app/token_issuer.h"

namespace ror::auth::app {

struct NewApiClient {
  std::string client_id;
  std::string client_secret;  // shown once; only its SHA-256 is kept
};

// Machine clients (stream "api_client-<id>") and their OAuth2 client_credentials tokens.
class ApiClientHandler {
 public:
  ApiClientHandler(eventstore::EventStore& store, TokenIssuer& issuer, const Clock& clock,
                   IdGenerator& ids)
      : store_(store), issuer_(issuer), clock_(clock), ids_(ids) {}

  absl::StatusOr<NewApiClient> Create(absl::string_view name, int access_profile,
                                      const CommandContext& ctx);
  // UNAUTHENTICATED with one message whether the id or the secret is wrong.
  absl::StatusOr<Tokens> Token(absl::string_view client_id, absl::string_view client_secret);

 private:
  eventstore::EventStore& store_;
  TokenIssuer& issuer_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace ror::auth::app
