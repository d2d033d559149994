#pragma once

#include <condition_variable>
#include <memory>
#include <optional>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/audit/chain_verifier.h"
#include "ror/v1/audit.pb.h"
#include "rocksdb/db.h"

namespace ror::audit {

// How long records are kept unless the operator says otherwise.
inline constexpr absl::Duration kDefaultRetention = absl::Hours(24 * 365);

struct AuditLogOptions {
  std::string path;  // its own RocksDB directory, e.g. "<data_dir>/audit"
  // Sync the WAL before Append returns. Only benchmarks turn it off.
  bool sync = true;
};

struct PurgeResult {
  int64_t removed = 0;              // records removed by this purge
  int64_t checkpoint_sequence = 0;  // the chain now starts after this one (0: nothing ever purged)
};

// The append-only, hash-chained audit log of one service (README.md beside this file).
// Thread-safe. Appends are chained one after the other under a mutex; the records that wait while
// a synced write is in flight are written together by the next one (group commit): one WriteBatch
// holds them and the head, so an acknowledged record survives kill -9 and power loss.
class AuditLog {
 public:
  // Opens (creating if needed) the log for writing. Takes RocksDB's lock on the directory: one
  // writer at a time.
  static absl::StatusOr<std::unique_ptr<AuditLog>> Open(const AuditLogOptions& options);
  // Opens a log for reading only, while its service may be writing it: as a RocksDB secondary
  // instance, the mode RocksDB supports beside a live primary (OpenForReadOnly beside a primary is
  // undefined behaviour, db.h). Sees the log as it was when opened. NOT_FOUND without a log.
  static absl::StatusOr<std::unique_ptr<AuditLog>> OpenReadOnly(const std::string& path);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Assigns the next sequence, sets prev_hash and hash (whatever `record` had there is replaced),
  // writes it durably and returns it as stored. FAILED_PRECONDITION on a read-only log.
  absl::StatusOr<v1::AuditRecord> Append(v1::AuditRecord record);

  // Walks the whole chain from the purge checkpoint (or sequence 1) to the head. An error status
  // only when the store cannot be read; a broken chain is a report with first_break set.
  absl::StatusOr<ChainReport> Verify() const;

  // Removes the records recorded before `now - older_than`, oldest first, stopping at the first younger one
  // so the rest stays one chain, and writes in the same synced batch the checkpoint (sequence and
  // hash of the last removed record) Verify starts from. Refuses (FAILED_PRECONDITION) when the
  // chain does not verify: a purge must not erase the evidence of a tampering, nor bless it.
  absl::StatusOr<PurgeResult> Purge(absl::Time now, absl::Duration older_than = kDefaultRetention);

  // Up to `max_count` records from `from_sequence` on, as stored (for tools and tests).
  absl::StatusOr<std::vector<v1::AuditRecord>> Read(int64_t from_sequence, size_t max_count) const;

  // The last record appended: its sequence (0 for an empty log) and hash.
  v1::AuditHead Head() const;

 private:
  AuditLog(std::string path, bool sync, bool read_only);
  absl::Status LoadHead();
  absl::StatusOr<ChainReport> VerifyAt(const rocksdb::Snapshot* snapshot) const;
  template <typename Message>
  absl::StatusOr<std::optional<Message>> GetMeta(const rocksdb::ReadOptions& read,
                                                 const char* key) const;

  const std::string path_;
  const bool sync_;
  const bool read_only_;
  std::string secondary_dir_;  // read-only: RocksDB's info log, removed on close
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;  // default, records, meta

  struct Pending;
  void WriteGroup(std::unique_lock<std::mutex>& lock);

  // Guards everything below. Purge holds it throughout, so no append interleaves with a purge.
  mutable std::mutex mu_;
  std::condition_variable written_;  // a group was written (or failed)
  v1::AuditHead chained_;            // the last record chained, written or not
  v1::AuditHead durable_;            // the last record written
  std::vector<Pending*> queue_;      // chained after durable_, waiting for a write
  bool writing_ = false;             // a group is being written (mu_ released meanwhile)
};

}  // namespace ror::audit
