#pragma once

#include "absl/strings/string_view.h"
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "rocksdb/db.h"

namespace ror::eventstore {

struct RocksDbOptions {
  std::string path;
  // Sync the WAL before acknowledging. Only benchmarks turn it off.
  bool sync = true;
  // Appends waiting for the writer; Append blocks beyond it (back-pressure).
  size_t max_pending = 4096;
};

// The durable store. Column families: "events" (stream, version) -> position; "global"
// position -> envelope (the outbox the relay tails); "heads" stream -> version; "dedup"
// request_id -> first outcome; "checkpoints" name -> value. One append is one WriteBatch; one
// writer thread commits the appends that wait together with a single WAL sync (group commit).
class RocksDbEventStore final : public EventStore {
 public:
  static absl::StatusOr<std::unique_ptr<RocksDbEventStore>> Open(const RocksDbOptions& options,
                                                                 const Clock& clock);
  ~RocksDbEventStore() override;

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
  uint64_t HeadPosition() const override { return head_position_.load(); }
  bool WaitForPosition(uint64_t position, absl::Duration timeout) override;
  absl::Status PutCheckpoint(absl::string_view name, absl::string_view value) override;
  absl::StatusOr<std::optional<std::string>> GetCheckpoint(absl::string_view name) override;
  absl::Status Health() const override;

 private:
  struct Pending {
    std::string stream_id;
    int64_t expected_version;
    std::vector<v1::EventEnvelope> events;
    std::string request_id;
    std::promise<absl::StatusOr<AppendResult>> done;
  };
  enum Cf { kEvents = 1, kGlobal, kHeads, kDedup, kCheckpoints };

  RocksDbEventStore(const RocksDbOptions& options, const Clock& clock);
  void WriterLoop();
  void CommitGroup(std::vector<std::unique_ptr<Pending>>& group);
  absl::StatusOr<int64_t> ReadVersion(absl::string_view stream_id);
  void MarkUnhealthy(const absl::Status& status);

  const RocksDbOptions options_;
  const Clock& clock_;
  IdGenerator ids_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;

  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::condition_variable space_cv_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::thread writer_;

  // Committed stream versions, touched by the writer thread only.
  absl::flat_hash_map<std::string, int64_t> head_cache_;

  std::atomic<uint64_t> head_position_{0};
  std::mutex head_mu_;
  std::condition_variable head_cv_;

  mutable std::mutex health_mu_;
  absl::Status health_;
};

}  // namespace ror::eventstore
