#pragma once

#include "libs/eventstore/event_store.h"
#include "libs/server/metrics.h"

namespace ror::server {

// An EventStore that times every Append into ror_eventstore_append_seconds and forwards
// everything to `inner`, which it does not own.
class InstrumentedEventStore final : public eventstore::EventStore {
 public:
  InstrumentedEventStore(eventstore::EventStore& inner, Metrics& metrics)
      : inner_(inner), metrics_(metrics) {}

  absl::StatusOr<eventstore::AppendResult> Append(absl::string_view stream_id,
                                                  int64_t expected_version,
                                                  std::vector<v1::EventEnvelope> events,
                                                  absl::string_view request_id) override;
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadStream(absl::string_view stream_id,
                                                            int64_t from_version,
                                                            size_t max_count) override {
    return inner_.ReadStream(stream_id, from_version, max_count);
  }
  absl::StatusOr<std::optional<eventstore::RequestOutcome>> FindRequest(
      absl::string_view request_id) override {
    return inner_.FindRequest(request_id);
  }
  absl::StatusOr<int64_t> StreamVersion(absl::string_view stream_id) override {
    return inner_.StreamVersion(stream_id);
  }
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadAll(uint64_t from_position,
                                                         size_t max_count) override {
    return inner_.ReadAll(from_position, max_count);
  }
  uint64_t HeadPosition() const override { return inner_.HeadPosition(); }
  bool WaitForPosition(uint64_t position, absl::Duration timeout) override {
    return inner_.WaitForPosition(position, timeout);
  }
  absl::Status PutCheckpoint(absl::string_view name, absl::string_view value) override {
    return inner_.PutCheckpoint(name, value);
  }
  absl::StatusOr<std::optional<std::string>> GetCheckpoint(absl::string_view name) override {
    return inner_.GetCheckpoint(name);
  }
  absl::Status Health() const override { return inner_.Health(); }

 private:
  eventstore::EventStore& inner_;
  Metrics& metrics_;
};

}  // namespace ror::server
