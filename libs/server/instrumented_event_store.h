#pragma once

#include "libs/eventstore/forwarding_event_store.h"
#include "libs/server/metrics.h"

namespace ror::server {

// An EventStore that times every Append into ror_eventstore_append_seconds and forwards
// everything to `inner`, which it does not own.
class InstrumentedEventStore final : public eventstore::ForwardingEventStore {
 public:
  InstrumentedEventStore(eventstore::EventStore& inner, Metrics& metrics)
      : ForwardingEventStore(inner), metrics_(metrics) {}

  absl::StatusOr<eventstore::AppendResult> Append(absl::string_view stream_id,
                                                  int64_t expected_version,
                                                  std::vector<v1::EventEnvelope> events,
                                                  absl::string_view request_id) override;

 private:
  Metrics& metrics_;
};

}  // namespace ror::server
