#include "services/auth/app/command_context.h"

#include "libs/eventstore/envelope_stamp.h"

namespace ror::auth::app {

std::string RequestIdOf(const CommandContext& ctx, IdGenerator& ids) {
  return ctx.request_id.empty() ? ids.NewId() : ctx.request_id;
}

void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope) {
  eventstore::StampEnvelope(ctx.actor, ctx.correlation_id, /*traceparent=*/"", request_id, event_id,
                            envelope);
}

}  // namespace ror::auth::app
