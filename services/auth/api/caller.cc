#include "services/auth/api/caller.h"

#include <algorithm>

#include "libs/common/status_macros.h"

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
  const auto& metadata = context.client_metadata();
  // A correlation id is the caller's to choose, within what an envelope keeps.
  if (auto it = metadata.find("x-correlation-id");
      it != metadata.end() && it->second.size() <= 200) {
    ctx.correlation_id.assign(it->second.data(), it->second.size());
  }
  return ctx;
}

}  // namespace ror::auth::api
