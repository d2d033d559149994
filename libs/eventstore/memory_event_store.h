#pragma once

#include "absl/strings/string_view.h"
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>

#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"

namespace ror::eventstore {

// The in-memory fake: same contract as the RocksDB store, for domain and handler tests.
// Stores opened on the same MemoryEventStore::Data see the same events, which is how tests
// "reopen" it.
class MemoryEventStore final : public EventStore {
 public:
  struct Data;

  explicit MemoryEventStore(const Clock& clock, std::shared_ptr<Data> data = nullptr);
  ~MemoryEventStore() override;

  std::shared_ptr<Data> data() const { return data_; }

  absl::StatusOr<AppendResult> Append(absl::string_view stream_id, int64_t expected_version,
                                      std::vector<v1::EventEnvelope> events,
                                      absl::string_view request_id) override;
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadStream(absl::string_view stream_id,
                                                            int64_t from_version,
                                                            size_t max_count) override;
  absl::StatusOr<std::optional<RequestOutcome>> FindRequest(absl::string_view request_id) override;
  absl::StatusOr<int64_t> StreamVersion(absl::string_view stream_id) override;
  absl::StatusOr<std::vector<v1::EventEnvelope>> ReadAll(uint64_t from_position,
                                                          size_t max_count) override;
  uint64_t HeadPosition() const override;
  bool WaitForPosition(uint64_t position, absl::Duration timeout) override;
  absl::Status PutCheckpoint(absl::string_view name, absl::string_view value) override;
  absl::StatusOr<std::optional<std::string>> GetCheckpoint(absl::string_view name) override;
  absl::Status Health() const override;

  // Failure injection for tests: while `status` is not OK, Append and PutCheckpoint fail with it
  // and Health() reports it (as the RocksDB store does when its disk is full). OK heals the store.
  void FailWrites(absl::Status status);

 private:
  const Clock& clock_;
  IdGenerator ids_;
  std::shared_ptr<Data> data_;
  mutable std::mutex failure_mu_;
  absl::Status failure_;  // guarded by failure_mu_
};

struct MemoryEventStore::Data {
  struct Dedup {
    std::string stream_id;
    AppendResult result;
  };
  mutable std::mutex mu;
  std::condition_variable appended;
  std::vector<v1::EventEnvelope> log;                    // index = global_position - 1
  std::map<std::string, std::vector<uint64_t>, std::less<>> streams;  // positions per stream
  std::map<std::string, Dedup, std::less<>> dedup;
  std::map<std::string, std::string, std::less<>> checkpoints;
};

}  // namespace ror::eventstore
