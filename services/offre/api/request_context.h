#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "libs/authz/call_registry.h"
#include "libs/authz/principal.h"
#include "services/offre/app/command_context.h"

namespace ror::offre::api {

// The command context of a gRPC call: its request_id, and the correlation id and W3C traceparent
// from the call's metadata ("x-correlation-id", "traceparent").
app::CommandContext ContextOf(const grpc::ServerContext& context, std::string request_id);

// Who is calling a gRPC method: in the server, [&registry](const grpc::ServerContextBase& c) {
// return registry.Caller(&c); } over the authz interceptor's libs/authz/call_registry.h; in tests,
// whoever the test says.
using CallerSource =
    std::function<absl::StatusOr<authz::Principal>(const grpc::ServerContextBase& context)>;

// The callers as the authz interceptor recorded them in `registry` (not owned; it outlives the
// service), e.g. server::ServiceSecurity::calls().
CallerSource CallersOf(const authz::CallRegistry& registry);

// The caller of the call `context` (may be null: a direct call from a test) as `callers` says;
// anonymous when there is no source or no context. UNAUTHENTICATED (a refused token) passes on.
absl::StatusOr<authz::Principal> CallerOf(const CallerSource& callers,
                                          const grpc::ServerContextBase* context);

}  // namespace ror::offre::api
