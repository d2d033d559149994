#include "services/auth/app/command_context.h"

namespace ror::auth::app {

std::string RequestIdOf(const CommandContext& ctx, IdGenerator& ids) {
  return ctx.request_id.empty() ? ids.NewId() : ctx.request_id;
}

void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope) {
  envelope.set_event_id(std::string(event_id));
  *envelope.mutable_actor() = ctx.actor;
  envelope.set_correlation_id(ctx.correlation_id.empty() ? std::string(request_id)
                                                         : ctx.correlation_id);
  envelope.set_causation_id(std::string(request_id));
}

}  // namespace ror::auth::app
