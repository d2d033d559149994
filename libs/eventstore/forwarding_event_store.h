#pragma once

#include "libs/eventstore/event_store.h"

namespace ror::eventstore {

// Forwards every call to `inner` (not owned). Decorators (metrics, fault injection in tests)
// derive from it and override only what they change.
class ForwardingEventStore : public EventStore {
 public:
  explicit ForwardingEventStore(EventStore& inner) : inner_(inner) {}

  absl::StatusOr<AppendResult> Append(absl::string_view stream_id, int64_t expected_version,
                                      std::vector<v1::EventEnvelope> events,
                                      absl::string_view request_id) override {
    return inner_.Append(stream_id, expected_version, std::move(events), request_id);
  }
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadStream(absl::string_view stream_id,
                                                            int64_t from_version,
                                                            size_t max_count) override {
    return inner_.ReadStream(stream_id, from_version, max_count);
  }
  absl::StatusOr<std::optional<RequestOutcome>> FindRequest(absl::string_view request_id) override {
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

 protected:
  EventStore& inner() { return inner_; }

 private:
  EventStore& inner_;
};

}  // namespace ror::eventstore
