#include "services/auth/api/caller.h"

#include <algorithm>
#include <string>
#include <utility>

#include "libs/common/status_macros.h"
#include "libs/server/call_metadata.h"

namespace ror::auth::api {

absl::StatusOr<authz::Principal> RequireAdministrateur(const authz::CallRegistry& registry,
                                                       const grpc::ServerContext& context) {
  ASSIGN_OR_RETURN(authz::Principal caller, registry.Caller(&context));
  if (caller.kind == authz::PrincipalKind::kAnonymous) {
    return absl::UnauthenticatedError("authentification requise");
  }
  const bool administrateur =
      caller.kind == authz::PrincipalKind::kUser &&
      std::any_of(caller.grants.begin(), caller.grants.end(),
                  [](const authz::Grant& g) { return g.role == authz::Role::kAdministrateur; });
  if (!administrateur) return absl::PermissionDeniedError("réservé aux administrateurs");
  return caller;
}

app::CommandContext ContextOf(const grpc::ServerContext& context, const authz::Principal& caller) {
  app::CommandContext ctx;
  ctx.actor = authz::ActorOf(caller);
  // A correlation id is the caller's to choose, within what an envelope keeps.
  if (std::string id = server::ClientMetadata(context, "x-correlation-id"); id.size() <= 200) {
    ctx.correlation_id = std::move(id);
  }
  return ctx;
}

}  // namespace ror::auth::api
