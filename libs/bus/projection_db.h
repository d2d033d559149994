#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/utilities/write_batch_with_index.h"

namespace ror::bus {

struct ProjectionDbOptions {
  std::string path;
  // The projection's own column families ("default" always exists).
  std::vector<std::string> column_families;
  // Blocks kept decompressed in memory, for all the column families: a rebuild reads every row
  // of a projection just written, and RocksDB's own 8 MB sent nearly every read to the disk.
  size_t block_cache_bytes = 64 << 20;
};

class ProjectionDb;

// One atomic change of a projection: its rows, the stream versions applied and the Kafka offsets
// consumed, written together. Reads see the change's own writes on top of the database.
class ProjectionWrite {
 public:
  explicit ProjectionWrite(ProjectionDb& db);

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view cf, absl::string_view key);
  void Put(absl::string_view cf, absl::string_view key, absl::string_view value);
  void Delete(absl::string_view cf, absl::string_view key);

  // Last version of `stream_id` applied; 0 when none.
  absl::StatusOr<int64_t> AppliedVersion(absl::string_view stream_id);
  void SetAppliedVersion(absl::string_view stream_id, int64_t version);
  // Kept aside and written once per partition at Commit: only the last offset matters.
  void SetOffset(absl::string_view topic, int32_t partition, int64_t offset);

  // The database under the write: scans of what is committed.
  ProjectionDb& db() { return db_; }

  bool empty() { return batch_.GetWriteBatch()->Count() == 0 && offsets_.empty(); }

 private:
  friend class ProjectionDb;
  rocksdb::ColumnFamilyHandle* Cf(absl::string_view name) const;

  ProjectionDb& db_;
  rocksdb::WriteBatchWithIndex batch_;
  absl::flat_hash_map<std::string, int64_t> offsets_;  // "<topic>/<partition>" -> last offset
};

// A projection's RocksDB: its rows in column families of its own, plus the bookkeeping that makes
// consumption exactly-once: the last offset consumed per (topic, partition), the last version
// applied per stream, and named values such as the cluster id the rows came from.
class ProjectionDb {
 public:
  static absl::StatusOr<std::unique_ptr<ProjectionDb>> Open(const ProjectionDbOptions& options);
  ~ProjectionDb();

  // `sync`: waits for the WAL to reach the disk, for rows the bus cannot give back.
  absl::Status Commit(ProjectionWrite& write, bool sync = false);

  // Reads of the projection's rows, for the service's queries.
  absl::StatusOr<std::optional<std::string>> Get(absl::string_view cf, absl::string_view key);
  // Visits every row of `cf` whose key starts with `prefix`, in key order, until `visit` is false.
  absl::Status Scan(
      absl::string_view cf, absl::string_view prefix,
      const std::function<bool(absl::string_view key, absl::string_view value)>& visit);
  // Visits every row of `cf` from `start` on, in key order, until `visit` is false.
  absl::Status ScanFrom(
      absl::string_view cf, absl::string_view start,
      const std::function<bool(absl::string_view key, absl::string_view value)>& visit);

  // Last consumed offset of a partition; nullopt when none.
  absl::StatusOr<std::optional<int64_t>> Offset(absl::string_view topic, int32_t partition);
  absl::StatusOr<std::optional<std::string>> Meta(absl::string_view key);
  absl::Status PutMeta(absl::string_view key, absl::string_view value);

  // Removes the rows of `cf` whose keys are in [begin, end), in one write whatever their number.
  absl::Status DeleteRange(absl::string_view cf, absl::string_view begin, absl::string_view end);

  // Removes every row, version and offset (the rebuild), keeping the named values.
  absl::Status Clear();
  // Clears the rows written under another layout than `layout` (the named value `layout_key`),
  // so that the subscriber rebuilds them from the bus, then records `layout`.
  absl::Status EnsureLayout(absl::string_view layout_key, absl::string_view layout);

 private:
  friend class ProjectionWrite;
  ProjectionDb() = default;
  // The rows of `cf` from `start` on that begin with `prefix`.
  absl::Status Iterate(
      absl::string_view cf, absl::string_view start, absl::string_view prefix,
      const std::function<bool(absl::string_view key, absl::string_view value)>& visit);

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  absl::flat_hash_map<std::string, rocksdb::ColumnFamilyHandle*> by_name_;
};

}  // namespace ror::bus
