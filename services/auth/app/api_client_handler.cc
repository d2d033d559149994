#include "services/auth/app/api_client_handler.h"

#include <sodium.h>

#include <functional>

#include "libs/common/log.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_codec.h"
#include "services/auth/app/secrets.h"
#include "services/auth/app/streams.h"
#include "services/auth/domain/api_client.h"

namespace ror::auth::app {
namespace {

constexpr char kBadClient[] = "identifiant client ou secret incorrect";

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

absl::StatusOr<NewApiClient> ApiClientHandler::Create(absl::string_view name, int access_profile,
                                                      const CommandContext& ctx) {
  NewApiClient created{.client_id = ids_.NewId(), .client_secret = NewSecret()};
  const domain::CreateApiClient command{.client_id = created.client_id,
                                        .name = std::string(name),
                                        .access_profile = access_profile,
                                        .client_secret_hash = Sha256(created.client_secret),
                                        .now = clock_.Now()};
  RETURN_IF_ERROR(domain::ValidateApiClient(command));
  RETURN_IF_ERROR(
      eventstore::RunCommand<domain::ApiClientState>(
          store_, clock_, ids_, ApiClientStream(created.client_id), RequestIdOf(ctx, ids_),
          [&](const domain::ApiClientState& state) { return domain::Decide(state, command); },
          eventstore::DecodeEvent<domain::ApiClientEvent>,
          eventstore::EncodeEvent<domain::ApiClientEvent>,
          std::bind_front(StampContext, std::cref(ctx)))
          .status());
  log::Info("api client created", {{"client_id", created.client_id}});
  return created;
}

absl::StatusOr<Tokens> ApiClientHandler::Token(absl::string_view client_id,
                                               absl::string_view client_secret) {
  const std::string presented = Sha256(client_secret);
  if (!IsUuid(client_id)) return absl::UnauthenticatedError(kBadClient);
  ASSIGN_OR_RETURN(
      domain::ApiClientState client,
      eventstore::LoadStream<domain::ApiClientState>(
          store_, ApiClientStream(client_id), eventstore::DecodeEvent<domain::ApiClientEvent>));
  if (!client.exists() || !SameHash(client.client.client_secret_hash(), presented)) {
    return absl::UnauthenticatedError(kBadClient);
  }
  ASSIGN_OR_RETURN(std::string access_token, issuer_.ForClient(client));
  return Tokens{
      .access_token = std::move(access_token), .refresh_token = "", .expires_in = issuer_.ttl()};
}

}  // namespace ror::auth::app
