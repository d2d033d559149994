#include "libs/bus/projection_db.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace ror::bus {
namespace {

constexpr absl::string_view kOffsets = "ror_offsets";
constexpr absl::string_view kVersions = "ror_versions";
constexpr absl::string_view kMeta = "ror_meta";

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("projection store: ", what, ": ", s.ToString()));
}

std::string OffsetKey(absl::string_view topic, int32_t partition) {
  return absl::StrCat(topic, "/", partition);
}

absl::StatusOr<std::optional<std::string>> GetValue(rocksdb::DB* db,
                                                    rocksdb::ColumnFamilyHandle* cf,
                                                    absl::string_view key) {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), cf, ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocks(s, "read"));
  return std::optional<std::string>(std::move(value));
}

}  // namespace

ProjectionWrite::ProjectionWrite(ProjectionDb& db)
    : db_(db), batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true) {}

rocksdb::ColumnFamilyHandle* ProjectionWrite::Cf(absl::string_view name) const {
  auto it = db_.by_name_.find(name);
  if (it == db_.by_name_.end()) {
    // A projection naming a column family it did not declare is a programming error.
    log::Error("projection uses an undeclared column family", {{"column_family", name}});
    std::abort();
  }
  return it->second;
}

absl::StatusOr<std::optional<std::string>> ProjectionWrite::Get(absl::string_view cf,
                                                                absl::string_view key) {
  std::string value;
  rocksdb::Status s =
      batch_.GetFromBatchAndDB(db_.db_.get(), rocksdb::ReadOptions(), Cf(cf), ToSlice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocks(s, "read"));
  return std::optional<std::string>(std::move(value));
}

void ProjectionWrite::Put(absl::string_view cf, absl::string_view key, absl::string_view value) {
  batch_.Put(Cf(cf), ToSlice(key), ToSlice(value)).PermitUncheckedError();
}

void ProjectionWrite::Delete(absl::string_view cf, absl::string_view key) {
  batch_.Delete(Cf(cf), ToSlice(key)).PermitUncheckedError();
}

absl::StatusOr<int64_t> ProjectionWrite::AppliedVersion(absl::string_view stream_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, Get(kVersions, stream_id));
  int64_t version = 0;
  if (value.has_value() && !absl::SimpleAtoi(*value, &version)) {
    return absl::DataLossError(absl::StrCat("projection store: bad version for ", stream_id));
  }
  return version;
}

void ProjectionWrite::SetAppliedVersion(absl::string_view stream_id, int64_t version) {
  Put(kVersions, stream_id, absl::StrCat(version));
}

void ProjectionWrite::SetOffset(absl::string_view topic, int32_t partition, int64_t offset) {
  offsets_[OffsetKey(topic, partition)] = offset;
}

absl::StatusOr<std::unique_ptr<ProjectionDb>> ProjectionDb::Open(
    const ProjectionDbOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("path: required");
  std::unique_ptr<ProjectionDb> db(new ProjectionDb());
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.IncreaseParallelism(2);
  // A row is read by its key: a Bloom filter per table lets a read skip the tables without it,
  // many of them just after a replay, before compactions have merged them.
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  rocksdb::ColumnFamilyOptions cf_options(db_options);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  std::vector<std::string> names = {"default", std::string(kOffsets), std::string(kVersions),
                                    std::string(kMeta)};
  names.insert(names.end(), options.column_families.begin(), options.column_families.end());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) {
    descriptors.emplace_back(name, cf_options);
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path, descriptors, &db->handles_, &raw);
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("projection store: cannot open ", options.path, ": ", s.ToString()));
  }
  db->db_.reset(raw);
  for (size_t i = 0; i < names.size(); ++i) db->by_name_[names[i]] = db->handles_[i];
  return db;
}

ProjectionDb::~ProjectionDb() {
  if (!db_) return;
  for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::Status ProjectionDb::Commit(ProjectionWrite& write, bool sync) {
  if (write.empty()) return absl::OkStatus();
  for (const auto& [key, offset] : write.offsets_) {
    write.Put(kOffsets, key, absl::StrCat(offset));
  }
  // A projection can be rebuilt from the bus, so its writes need not wait for a WAL sync: a
  // crash loses rows and their offsets together, never one without the other.
  rocksdb::WriteOptions options;
  options.sync = sync;
  RETURN_IF_ERROR(FromRocks(db_->Write(options, write.batch_.GetWriteBatch()), "write"));
  write.batch_.Clear();
  write.offsets_.clear();
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> ProjectionDb::Get(absl::string_view cf,
                                                             absl::string_view key) {
  auto it = by_name_.find(cf);
  if (it == by_name_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("column family ", cf, ": unknown"));
  }
  return GetValue(db_.get(), it->second, key);
}

absl::Status ProjectionDb::Scan(
    absl::string_view cf, absl::string_view prefix,
    const std::function<bool(absl::string_view key, absl::string_view value)>& visit) {
  return Iterate(cf, prefix, prefix, visit);
}

absl::Status ProjectionDb::ScanFrom(
    absl::string_view cf, absl::string_view start,
    const std::function<bool(absl::string_view key, absl::string_view value)>& visit) {
  return Iterate(cf, start, "", visit);
}

absl::Status ProjectionDb::Iterate(
    absl::string_view cf, absl::string_view start, absl::string_view prefix,
    const std::function<bool(absl::string_view key, absl::string_view value)>& visit) {
  auto found = by_name_.find(cf);
  if (found == by_name_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("column family ", cf, ": unknown"));
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), found->second));
  for (it->Seek(ToSlice(start)); it->Valid() && it->key().starts_with(ToSlice(prefix));
       it->Next()) {
    if (!visit(absl::string_view(it->key().data(), it->key().size()),
               absl::string_view(it->value().data(), it->value().size()))) {
      break;
    }
  }
  return FromRocks(it->status(), "scan");
}

absl::StatusOr<std::optional<int64_t>> ProjectionDb::Offset(absl::string_view topic,
                                                            int32_t partition) {
  ASSIGN_OR_RETURN(std::optional<std::string> value,
                   GetValue(db_.get(), by_name_.at(kOffsets), OffsetKey(topic, partition)));
  if (!value.has_value()) return std::optional<int64_t>();
  int64_t offset = 0;
  if (!absl::SimpleAtoi(*value, &offset)) {
    return absl::DataLossError(absl::StrCat("projection store: bad offset for ", topic));
  }
  return std::optional<int64_t>(offset);
}

absl::StatusOr<std::optional<std::string>> ProjectionDb::Meta(absl::string_view key) {
  return GetValue(db_.get(), by_name_.at(kMeta), key);
}

absl::Status ProjectionDb::PutMeta(absl::string_view key, absl::string_view value) {
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocks(db_->Put(write_options, by_name_.at(kMeta), ToSlice(key), ToSlice(value)),
                   "write");
}

absl::Status ProjectionDb::EnsureLayout(absl::string_view layout_key, absl::string_view layout) {
  ASSIGN_OR_RETURN(std::optional<std::string> known, Meta(layout_key));
  if (known == layout) return absl::OkStatus();
  RETURN_IF_ERROR(Clear());
  return PutMeta(layout_key, layout);
}

absl::Status ProjectionDb::DeleteRange(absl::string_view cf, absl::string_view begin,
                                       absl::string_view end) {
  auto it = by_name_.find(cf);
  if (it == by_name_.end()) {
    return absl::InvalidArgumentError(absl::StrCat("column family ", cf, ": unknown"));
  }
  rocksdb::WriteBatch batch;
  batch
      .DeleteRange(it->second, rocksdb::Slice(begin.data(), begin.size()),
                   rocksdb::Slice(end.data(), end.size()))
      .PermitUncheckedError();
  return FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "delete range");
}

absl::Status ProjectionDb::Clear() {
  rocksdb::WriteBatch batch;
  for (const auto& [name, handle] : by_name_) {
    if (name == kMeta) continue;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handle));
    it->SeekToFirst();
    if (!it->Valid()) {
      RETURN_IF_ERROR(FromRocks(it->status(), "scan"));
      continue;
    }
    const std::string first = it->key().ToString();
    it->SeekToLast();
    RETURN_IF_ERROR(FromRocks(it->status(), "scan"));
    const std::string last = it->key().ToString();
    batch.DeleteRange(handle, first, last).PermitUncheckedError();
    batch.Delete(handle, last).PermitUncheckedError();
  }
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  return FromRocks(db_->Write(write_options, &batch), "clear");
}

}  // namespace ror::bus
