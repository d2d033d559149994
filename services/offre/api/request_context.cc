#include "services/offre/api/request_context.h"

#include "absl/strings/string_view.h"
#include "libs/server/call_metadata.h"

namespace ror::offre::api {

absl::StatusOr<app::CommandContext> ContextOf(const grpc::ServerContext& context,
                                              std::string request_id, const CallHooks& hooks) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks.callers, &context);
  if (!caller.ok()) return caller.status();
  v1::Actor actor = authz::ActorOf(*caller);
  return app::CommandContext{.request_id = std::move(request_id),
                             .correlation_id = server::ClientMetadata(context, "x-correlation-id"),
                             .traceparent = server::ClientMetadata(context, "traceparent"),
                             .actor = std::move(actor),
                             .caller = *std::move(caller)};
}

WriteNotes WriteNotesOf(authz::CallRegistry& registry) {
  return [&registry](const grpc::ServerContextBase& context, const std::string& stream_id,
                     int64_t stream_version, const std::string& request_id) {
    registry.NoteWrite(&context, stream_id, stream_version, request_id);
  };
}

CallHooks HooksOf(authz::CallRegistry& registry) {
  return CallHooks(CallersOf(registry), WriteNotesOf(registry));
}

void NoteWrite(const CallHooks& hooks, const grpc::ServerContextBase& context,
               const std::string& stream_id, int64_t stream_version,
               const std::string& request_id) {
  if (hooks.notes) hooks.notes(context, stream_id, stream_version, request_id);
}

absl::StatusOr<authz::Principal> CallerOf(const CallerSource& callers,
                                          const grpc::ServerContextBase* context) {
  if (!callers || context == nullptr) return authz::Anonymous();
  return callers(*context);
}

CallerSource CallersOf(const authz::CallRegistry& registry) {
  return [&registry](const grpc::ServerContextBase& context) { return registry.Caller(&context); };
}

}  // namespace ror::offre::api
