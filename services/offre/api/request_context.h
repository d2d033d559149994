#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "libs/authz/call_registry.h"
#include "libs/authz/principal.h"
#include "services/offre/app/command_context.h"

namespace ror::offre::api {


// Who is calling a gRPC method: in the server, [&registry](const grpc::ServerContextBase& c) {
// return registry.Caller(&c); } over the authz interceptor's libs/authz/call_registry.h; in tests,
// whoever the test says.
using CallerSource =
    std::function<absl::StatusOr<authz::Principal>(const grpc::ServerContextBase& context)>;

// The callers as the authz interceptor recorded them in `registry` (not owned; it outlives the
// service), e.g. server::ServiceSecurity::calls().
CallerSource CallersOf(const authz::CallRegistry& registry);

// Where a write tells the stream it changed and the version it reached, for its audit record: in
// the server, authz::CallRegistry::NoteWrite.
using WriteNotes = std::function<void(const grpc::ServerContextBase& context,
                                      const std::string& stream_id, int64_t stream_version,
                                      const std::string& request_id)>;
WriteNotes WriteNotesOf(authz::CallRegistry& registry);

// What a gRPC service learns from the authz interceptor. Both may be empty (unit tests): every
// caller is then anonymous and writes are noted nowhere.
struct CallHooks {
  CallHooks(CallerSource callers = nullptr, WriteNotes notes = nullptr)  // NOLINT: implicit
      : callers(std::move(callers)), notes(std::move(notes)) {}
  CallerSource callers;
  WriteNotes notes;
};
CallHooks HooksOf(authz::CallRegistry& registry);

// The command context of a gRPC write: its request_id, the correlation id and W3C traceparent from
// the call's metadata ("x-correlation-id", "traceparent"), the caller and his actor.
// UNAUTHENTICATED when the call's token was refused.
absl::StatusOr<app::CommandContext> ContextOf(const grpc::ServerContext& context,
                                              std::string request_id, const CallHooks& hooks);

// Tells the hooks what a write changed.
void NoteWrite(const CallHooks& hooks, const grpc::ServerContextBase& context,
               const std::string& stream_id, int64_t stream_version,
               const std::string& request_id);

// The caller of the call `context` (may be null: a direct call from a test) as `callers` says;
// anonymous when there is no source or no context. UNAUTHENTICATED (a refused token) passes on.
absl::StatusOr<authz::Principal> CallerOf(const CallerSource& callers,
                                          const grpc::ServerContextBase* context);

}  // namespace ror::offre::api
