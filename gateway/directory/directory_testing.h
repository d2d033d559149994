#pragma once

// Test support: an event as the services publish it, at a given time.

#include <cstdint>
#include <string>

#include "ror/v1/envelope.pb.h"

namespace ror::gateway::directory::testing {

template <typename T>
v1::EventEnvelope EnvelopeOf(const std::string& stream, int64_t version, const T& event,
                             int64_t at_seconds) {
  v1::EventEnvelope envelope;
  envelope.set_event_id(stream + "#" + std::to_string(version));
  envelope.set_event_type(T::descriptor()->name());
  envelope.set_stream_id(stream);
  envelope.set_stream_version(version);
  envelope.mutable_occurred_at()->set_seconds(at_seconds);
  envelope.set_payload(event.SerializeAsString());
  return envelope;
}

}  // namespace ror::gateway::directory::testing
