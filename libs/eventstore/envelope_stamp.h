#pragma once

// How every command stamps its events with who asked and under which keys (DESIGN §2: actor,
// correlation and causation ids, event id, W3C traceparent). Each service binds it to its own
// command context as the stamp of eventstore::RunCommand (command_loop.h).

#include "absl/strings/string_view.h"
#include "ror/v1/envelope.pb.h"
#include "ror/v1/types.pb.h"

namespace ror::eventstore {

// A correlation id longer than this is not the caller's to choose: the request id stands for it.
inline constexpr size_t kMaxCorrelationIdLength = 200;

// "00-<32 hex>-<16 hex>-<2 hex>", lower case.
bool IsTraceparent(absl::string_view traceparent);

// Sets the envelope's actor, correlation (`correlation_id`, or the request id when it is empty or
// too long), causation (the command's request id), event id and traceparent (only a well-formed
// one).
void StampEnvelope(const v1::Actor& actor, absl::string_view correlation_id,
                   absl::string_view traceparent, absl::string_view request_id,
                   absl::string_view event_id, v1::EventEnvelope& envelope);

}  // namespace ror::eventstore
