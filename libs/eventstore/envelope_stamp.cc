#include "libs/eventstore/envelope_stamp.h"

#include <string>

namespace ror::eventstore {

bool IsTraceparent(absl::string_view t) {
  if (t.size() != 55 || t[2] != '-' || t[35] != '-' || t[52] != '-') return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (i == 2 || i == 35 || i == 52) continue;
    const char c = t[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void StampEnvelope(const v1::Actor& actor, absl::string_view correlation_id,
                   absl::string_view traceparent, absl::string_view request_id,
                   absl::string_view event_id, v1::EventEnvelope& envelope) {
  *envelope.mutable_actor() = actor;
  const bool own_correlation =
      !correlation_id.empty() && correlation_id.size() <= kMaxCorrelationIdLength;
  envelope.set_correlation_id(std::string(own_correlation ? correlation_id : request_id));
  envelope.set_causation_id(std::string(request_id));
  envelope.set_event_id(std::string(event_id));
  if (IsTraceparent(traceparent)) envelope.set_traceparent(std::string(traceparent));
}

}  // namespace ror::eventstore
