#include "services/offre/api/request_context.h"

#include "absl/strings/string_view.h"

namespace ror::offre::api {
namespace {

std::string Metadata(const grpc::ServerContext& context, absl::string_view key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// Until the auth service exists, every change is made by the platform on behalf of an
// unauthenticated caller.
v1::Actor CurrentActor() {
  v1::Actor actor;
  actor.set_kind(v1::Actor::KIND_SYSTEM);
  actor.set_subject("anonymous");
  actor.set_display_name("accès non authentifié");
  return actor;
}

}  // namespace

app::CommandContext ContextOf(const grpc::ServerContext& context, std::string request_id) {
  return app::CommandContext{.request_id = std::move(request_id),
                             .correlation_id = Metadata(context, "x-correlation-id"),
                             .traceparent = Metadata(context, "traceparent"),
                             .actor = CurrentActor()};
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
