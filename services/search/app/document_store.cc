#include "services/search/app/document_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "libs/bus/projection_rows.h"
#include "libs/common/status_macros.h"
#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace ror::search::app {
namespace {

constexpr char kDocumentsCf[] = "documents";
constexpr char kStateCf[] = "state";
constexpr char kChange[] = "change";
constexpr char kReplaced[] = "replaced";
// "@" and the version on 20 digits, so that a document's versions sort as their numbers do.
constexpr size_t kVersionSuffix = 21;

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view doing) {
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("search documents: ", doing, ": ", s.ToString()));
}

// LZ4 when this RocksDB has it: cheap on the writer, and the data compresses about threefold.
rocksdb::CompressionType Compression() {
  const std::vector<rocksdb::CompressionType> supported = rocksdb::GetSupportedCompressions();
  for (rocksdb::CompressionType type : {rocksdb::kLZ4Compression, rocksdb::kSnappyCompression}) {
    if (std::find(supported.begin(), supported.end(), type) != supported.end()) return type;
  }
  return rocksdb::kNoCompression;
}

}  // namespace

absl::string_view DocumentKeyOf(absl::string_view versioned_key) {
  return versioned_key.substr(
      0, versioned_key.size() - std::min(versioned_key.size(), kVersionSuffix));
}

std::string VersionedKey(absl::string_view key, uint64_t version) {
  return absl::StrFormat("%s@%020u", key, version);
}

absl::StatusOr<std::unique_ptr<DocumentStore>> DocumentStore::Open(
    const std::filesystem::path& path) {
  std::unique_ptr<DocumentStore> store(new DocumentStore());
  rocksdb::Options options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  options.IncreaseParallelism(2);
  rocksdb::ColumnFamilyOptions documents(options);
  documents.compression = Compression();
  rocksdb::BlockBasedTableOptions table;
  // A page of hits is a score of point reads: filters skip the files that cannot hold them.
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.block_cache = rocksdb::NewLRUCache(128 << 20);
  documents.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  const std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions(options)},
      {kDocumentsCf, documents},
      {kStateCf, rocksdb::ColumnFamilyOptions(options)},
  };
  rocksdb::DB* raw = nullptr;
  RETURN_IF_ERROR(
      FromRocks(rocksdb::DB::Open(options, path.string(), descriptors, &store->handles_, &raw),
                absl::StrCat("cannot open ", path.string())));
  store->db_.reset(raw);
  store->documents_ = store->handles_[1];
  store->state_ = store->handles_[2];
  return store;
}

DocumentStore::~DocumentStore() {
  if (!db_) return;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close().PermitUncheckedError();
}

absl::StatusOr<std::optional<v1::search::StoredDocument>> DocumentStore::Get(
    absl::string_view versioned_key) const {
  ASSIGN_OR_RETURN(std::vector<std::optional<v1::search::StoredDocument>> one,
                   GetMany({std::string(versioned_key)}));
  return std::move(one.front());
}

absl::StatusOr<std::vector<std::optional<v1::search::StoredDocument>>> DocumentStore::GetMany(
    const std::vector<std::string>& versioned_keys) const {
  const size_t n = versioned_keys.size();
  std::vector<rocksdb::Slice> keys(versioned_keys.begin(), versioned_keys.end());
  std::vector<rocksdb::PinnableSlice> values(n);
  std::vector<rocksdb::Status> statuses(n);
  db_->MultiGet(rocksdb::ReadOptions(), documents_, n, keys.data(), values.data(), statuses.data());
  std::vector<std::optional<v1::search::StoredDocument>> documents(n);
  for (size_t i = 0; i < n; ++i) {
    if (statuses[i].IsNotFound()) continue;
    RETURN_IF_ERROR(FromRocks(statuses[i], "read"));
    if (!documents[i].emplace().ParseFromArray(values[i].data(),
                                               static_cast<int>(values[i].size()))) {
      return absl::DataLossError(
          absl::StrCat("search documents: ", versioned_keys[i], " does not parse"));
    }
  }
  return documents;
}

void DocumentStore::Batch::Put(const std::string& versioned_key,
                               const v1::search::StoredDocument& stored) {
  batch_.Put(documents_, versioned_key, stored.SerializeAsString());
}

absl::StatusOr<std::vector<std::string>> DocumentStore::PendingReplaced() const {
  std::string value;
  const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), state_, kReplaced, &value);
  if (s.IsNotFound()) return std::vector<std::string>();
  RETURN_IF_ERROR(FromRocks(s, "read the replaced versions"));
  return std::vector<std::string>(absl::StrSplit(value, '\n', absl::SkipEmpty()));
}

absl::Status DocumentStore::Commit(Batch& batch, uint64_t change) {
  ASSIGN_OR_RETURN(const std::vector<std::string> pending, PendingReplaced());
  for (const std::string& key : pending) batch.batch_.Delete(documents_, key);
  batch.batch_.Put(state_, kReplaced, absl::StrJoin(batch.replaced_, "\n"));
  batch.batch_.Put(state_, kChange, absl::StrCat(change));
  // Not synced, as the Xapian commit that follows: an index is rebuilt rather than lost.
  RETURN_IF_ERROR(FromRocks(db_->Write(rocksdb::WriteOptions(), &batch.batch_), "write"));
  batch.batch_.Clear();
  batch.replaced_.clear();
  return absl::OkStatus();
}

absl::Status DocumentStore::Bulk(Batch& batch) {
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  RETURN_IF_ERROR(FromRocks(db_->Write(options, &batch.batch_), "write"));
  batch.batch_.Clear();
  return absl::OkStatus();
}

absl::Status DocumentStore::Flush() {
  return FromRocks(db_->Flush(rocksdb::FlushOptions(), documents_), "flush");
}

absl::Status DocumentStore::Clear() {
  rocksdb::WriteBatch batch;
  batch.DeleteRange(documents_, "", "\xff");
  batch.Delete(state_, kReplaced);
  batch.Delete(state_, kChange);
  return FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "clear");
}

absl::StatusOr<uint64_t> DocumentStore::Change() const {
  std::string value;
  const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), state_, kChange, &value);
  if (s.IsNotFound()) return 0;
  RETURN_IF_ERROR(FromRocks(s, "read the change"));
  return bus::CounterOf(std::optional<std::string>(std::move(value)),
                        "search documents: the change");
}

absl::Status DocumentStore::ForEachLatest(
    const std::function<void(const v1::search::StoredDocument&)>& visit) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), documents_));
  // A document's versions are adjacent, oldest first: the one before the next document's is its
  // latest.
  std::string latest_key, latest_value;
  const auto flush = [&]() -> absl::Status {
    if (latest_key.empty()) return absl::OkStatus();
    v1::search::StoredDocument stored;
    if (!stored.ParseFromString(latest_value)) {
      return absl::DataLossError(absl::StrCat("search documents: ", latest_key, " does not parse"));
    }
    visit(stored);
    return absl::OkStatus();
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const absl::string_view key(it->key().data(), it->key().size());
    if (!latest_key.empty() && DocumentKeyOf(key) != DocumentKeyOf(latest_key)) {
      RETURN_IF_ERROR(flush());
    }
    latest_key.assign(key.data(), key.size());
    latest_value.assign(it->value().data(), it->value().size());
  }
  RETURN_IF_ERROR(flush());
  return FromRocks(it->status(), "scan");
}

}  // namespace ror::search::app
