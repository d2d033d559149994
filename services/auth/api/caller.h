#pragma once

// Who calls an auth RPC, as the authz interceptor verified it, and the command context their
// writes carry.

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "libs/authz/call_registry.h"
#include "services/auth/app/command_context.h"

namespace ror::auth::api {

// The caller if they hold the administrateur role (national or regional): UNAUTHENTICATED without
// a valid token, PERMISSION_DENIED otherwise.
absl::StatusOr<authz::Principal> RequireAdministrateur(const authz::CallRegistry& registry,
                                                       const grpc::ServerContext& context);

// The context of a command made by `caller` (the actor) under the call's correlation id.
app::CommandContext ContextOf(const grpc::ServerContext& context, const authz::Principal& caller);

}  // namespace ror::auth::api
