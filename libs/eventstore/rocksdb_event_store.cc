#include "absl/strings/string_view.h"
#include "libs/eventstore/rocksdb_event_store.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/utilities/options_util.h"
#include "rocksdb/write_batch.h"

namespace ror::eventstore {
namespace {

// Stream heads the writer keeps in memory, so that appending to a busy stream reads nothing.
constexpr size_t kMaxCachedHeads = 100'000;

constexpr const char* kCfNames[] = {"default", "events",
                                    "global", "heads", "dedup", "checkpoints"};

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
absl::string_view ToView(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

void PutBigEndian(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

uint64_t GetBigEndian(absl::string_view s) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < s.size(); ++i) v = (v << 8) | static_cast<uint8_t>(s[i]);
  return v;
}

std::string PositionKey(uint64_t position) {
  std::string key;
  PutBigEndian(key, position);
  return key;
}

// (stream, version) keys sort by version within a stream; stream ids never hold '\0'.
std::string StreamEventKey(absl::string_view stream_id, int64_t version) {
  std::string key(stream_id.data(), stream_id.size());
  key.push_back('\0');
  PutBigEndian(key, static_cast<uint64_t>(version));
  return key;
}

std::string EncodeDedup(absl::string_view stream_id, const AppendResult& r) {
  std::string out;
  PutBigEndian(out, static_cast<uint64_t>(r.first_version));
  PutBigEndian(out, static_cast<uint64_t>(r.last_version));
  PutBigEndian(out, r.first_position);
  PutBigEndian(out, r.last_position);
  out.append(stream_id.data(), stream_id.size());
  return out;
}

std::pair<std::string, AppendResult> DecodeDedup(absl::string_view in) {
  AppendResult r;
  r.first_version = static_cast<int64_t>(GetBigEndian(in.substr(0, 8)));
  r.last_version = static_cast<int64_t>(GetBigEndian(in.substr(8, 8)));
  r.first_position = GetBigEndian(in.substr(16, 8));
  r.last_position = GetBigEndian(in.substr(24, 8));
  return {std::string(in.substr(32)), r};
}

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("event store: ", what, ": ", s.ToString()));
}

}  // namespace

RocksDbEventStore::RocksDbEventStore(const RocksDbOptions& options, const Clock& clock)
    : options_(options), clock_(clock), ids_(clock) {}

absl::StatusOr<std::unique_ptr<RocksDbEventStore>> RocksDbEventStore::Open(
    const RocksDbOptions& options, const Clock& clock) {
  if (options.path.empty()) return absl::InvalidArgumentError("path: required");
  std::unique_ptr<RocksDbEventStore> store(new RocksDbEventStore(options, clock));

  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.IncreaseParallelism(2);
  db_options.max_total_wal_size = 256 << 20;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocksdb::ColumnFamilyOptions cf_options(db_options);
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const char* name : kCfNames) descriptors.emplace_back(name, cf_options);

  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(db_options, options.path, descriptors, &store->cfs_, &db);
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("event store: cannot open ", options.path, ": ", s.ToString()));
  }
  store->db_.reset(db);

  // The next global position follows the last key of the global log.
  std::unique_ptr<rocksdb::Iterator> it(
      store->db_->NewIterator(rocksdb::ReadOptions(), store->cfs_[kGlobal]));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the global log"));
  if (it->Valid()) store->head_position_ = GetBigEndian(ToView(it->key()));
  store->writer_ = std::thread([s = store.get()] { s->WriterLoop(); });
  return store;
}

RocksDbEventStore::~RocksDbEventStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  space_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  if (db_) {
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
    db_->Close().PermitUncheckedError();
  }
}

absl::StatusOr<AppendResult> RocksDbEventStore::Append(absl::string_view stream_id,
                                                       int64_t expected_version,
                                                       std::vector<v1::EventEnvelope> events,
                                                       absl::string_view request_id) {
  RETURN_IF_ERROR(ValidateAppend(stream_id, expected_version, events, request_id));
  auto pending = std::make_unique<Pending>();
  pending->stream_id = std::string(stream_id);
  pending->expected_version = expected_version;
  pending->events = std::move(events);
  pending->request_id = std::string(request_id);
  auto done = pending->done.get_future();
  {
    std::unique_lock lock(queue_mu_);
    space_cv_.wait(lock, [&] { return stopping_ || queue_.size() < options_.max_pending; });
    if (stopping_) return absl::UnavailableError("event store: closing");
    queue_.push_back(std::move(pending));
  }
  queue_cv_.notify_one();
  return done.get();
}

void RocksDbEventStore::WriterLoop() {
  std::vector<std::unique_ptr<Pending>> group;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty()) {
        group.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    space_cv_.notify_all();
    CommitGroup(group);
    group.clear();
  }
}

absl::StatusOr<int64_t> RocksDbEventStore::ReadVersion(absl::string_view stream_id) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_[kHeads], ToSlice(stream_id), &value);
  if (s.IsNotFound()) return 0;
  RETURN_IF_ERROR(FromRocks(s, "reading a stream head"));
  return static_cast<int64_t>(GetBigEndian(value));
}

// Decides every waiting append against the heads (including those earlier in the group),
// writes the accepted ones in one synced WriteBatch, then answers everyone.
void RocksDbEventStore::CommitGroup(std::vector<std::unique_ptr<Pending>>& group) {
  if (absl::Status h = Health(); !h.ok()) {
    // A background error (disk full) may have cleared: try to resume before refusing.
    if (db_->Resume().ok()) {
      std::lock_guard lock(health_mu_);
      health_ = absl::OkStatus();
      log::Info("event store writable again");
    } else {
      for (auto& p : group) p->done.set_value(h);
      return;
    }
  }

  struct Accepted {
    Pending* pending;
    AppendResult result;
  };
  std::vector<Accepted> accepted;
  std::vector<std::pair<Pending*, size_t>> dedup_in_group;  // (waiter, index into accepted)
  absl::flat_hash_map<std::string, int64_t> versions;       // heads as this group leaves them
  absl::flat_hash_map<std::string, size_t> request_ids;     // request_id -> index in accepted
  rocksdb::WriteBatch batch;
  uint64_t next_position = head_position_.load() + 1;

  for (auto& owned : group) {
    Pending* p = owned.get();
    if (auto it = request_ids.find(p->request_id); it != request_ids.end()) {
      dedup_in_group.emplace_back(p, it->second);
      continue;
    }
    std::string dedup_value;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_[kDedup], p->request_id, &dedup_value);
    if (s.ok()) {
      auto [stream, first] = DecodeDedup(dedup_value);
      if (stream != p->stream_id) {
        p->done.set_value(absl::InvalidArgumentError(
            absl::StrCat("request_id: already used for stream ", stream)));
      } else {
        first.deduplicated = true;
        p->done.set_value(first);
      }
      continue;
    }
    if (!s.IsNotFound()) {
      p->done.set_value(FromRocks(s, "reading dedup"));
      continue;
    }
    int64_t current;
    if (auto v = versions.find(p->stream_id); v != versions.end()) {
      current = v->second;
    } else if (auto cached = head_cache_.find(p->stream_id); cached != head_cache_.end()) {
      current = cached->second;
    } else {
      absl::StatusOr<int64_t> read = ReadVersion(p->stream_id);
      if (!read.ok()) {
        p->done.set_value(read.status());
        continue;
      }
      current = *read;
    }
    if (absl::Status c = CheckExpectedVersion(p->stream_id, p->expected_version, current);
        !c.ok()) {
      p->done.set_value(c);
      continue;
    }
    AppendResult r = StampEnvelopes(p->stream_id, current, next_position, p->request_id,
                                    clock_.Now(), ids_, p->events);
    std::string value;
    for (const auto& e : p->events) {
      value.clear();
      e.SerializeToString(&value);
      const std::string position = PositionKey(e.global_position());
      batch.Put(cfs_[kGlobal], position, value);
      batch.Put(cfs_[kEvents], StreamEventKey(p->stream_id, e.stream_version()), position);
    }
    std::string head;
    PutBigEndian(head, static_cast<uint64_t>(r.last_version));
    batch.Put(cfs_[kHeads], p->stream_id, head);
    batch.Put(cfs_[kDedup], p->request_id, EncodeDedup(p->stream_id, r));
    versions[p->stream_id] = r.last_version;
    request_ids.emplace(p->request_id, accepted.size());
    next_position = r.last_position + 1;
    accepted.push_back({p, r});
  }

  if (accepted.empty()) return;  // dedup_in_group is empty too: it only points into accepted
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  rocksdb::Status s = db_->Write(write_options, &batch);
  if (!s.ok()) {
    absl::Status failed = FromRocks(s, "write");
    MarkUnhealthy(failed);
    for (auto& a : accepted) a.pending->done.set_value(failed);
    for (auto& [p, index] : dedup_in_group) p->done.set_value(failed);
    return;
  }
  // Only committed heads enter the cache; bounded, it refills from the heads column family.
  if (head_cache_.size() + versions.size() > kMaxCachedHeads) head_cache_.clear();
  for (const auto& [stream, version] : versions) head_cache_[stream] = version;
  {
    std::lock_guard lock(head_mu_);
    head_position_ = next_position - 1;
  }
  head_cv_.notify_all();
  for (auto& a : accepted) a.pending->done.set_value(a.result);
  for (auto& [p, index] : dedup_in_group) {
    const Accepted& first = accepted[index];
    if (first.pending->stream_id != p->stream_id) {
      p->done.set_value(absl::InvalidArgumentError(
          absl::StrCat("request_id: already used for stream ", first.pending->stream_id)));
    } else {
      AppendResult r = first.result;
      r.deduplicated = true;
      p->done.set_value(r);
    }
  }
}

void RocksDbEventStore::MarkUnhealthy(const absl::Status& status) {
  log::Error("event store cannot write", {{"error", status.ToString()}});
  std::lock_guard lock(health_mu_);
  health_ = status;
}

absl::Status RocksDbEventStore::Health() const {
  std::lock_guard lock(health_mu_);
  return health_;
}

absl::StatusOr<std::vector<v1::EventEnvelope>> RocksDbEventStore::ReadStream(
    absl::string_view stream_id, int64_t from_version, size_t max_count) {
  std::vector<std::string> position_keys;
  const std::string prefix = std::string(stream_id) + '\0';
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kEvents]));
  for (it->Seek(StreamEventKey(stream_id, std::max<int64_t>(from_version, 1)));
       it->Valid() && it->key().starts_with(prefix) && position_keys.size() < max_count;
       it->Next()) {
    position_keys.push_back(it->value().ToString());
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading a stream"));
  if (position_keys.empty()) {
    ASSIGN_OR_RETURN(int64_t version, ReadVersion(stream_id));
    if (version == 0) return absl::NotFoundError(absl::StrCat("stream ", stream_id, ": not found"));
    return std::vector<v1::EventEnvelope>();
  }
  std::vector<rocksdb::Slice> keys(position_keys.begin(), position_keys.end());
  std::vector<std::string> values;
  std::vector<rocksdb::ColumnFamilyHandle*> handles(keys.size(), cfs_[kGlobal]);
  std::vector<rocksdb::Status> statuses =
      db_->MultiGet(rocksdb::ReadOptions(), handles, keys, &values);
  std::vector<v1::EventEnvelope> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    RETURN_IF_ERROR(FromRocks(statuses[i], "reading an event"));
    if (!out[i].ParseFromString(values[i])) {
      return absl::DataLossError(absl::StrCat("event store: undecodable event at position ",
                                              GetBigEndian(position_keys[i])));
    }
  }
  return out;
}

absl::StatusOr<std::optional<RequestOutcome>> RocksDbEventStore::FindRequest(
    absl::string_view request_id) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_[kDedup], ToSlice(request_id), &value);
  if (s.IsNotFound()) return std::optional<RequestOutcome>();
  RETURN_IF_ERROR(FromRocks(s, "reading dedup"));
  auto [stream, result] = DecodeDedup(value);
  return std::optional<RequestOutcome>(RequestOutcome{std::move(stream), result});
}

absl::StatusOr<int64_t> RocksDbEventStore::StreamVersion(absl::string_view stream_id) {
  return ReadVersion(stream_id);
}

absl::StatusOr<std::vector<v1::EventEnvelope>> RocksDbEventStore::ReadAll(uint64_t from_position,
                                                                           size_t max_count) {
  std::vector<v1::EventEnvelope> out;
  const uint64_t head = head_position_.load();  // never show a batch still being written
  if (from_position <= head) {
    out.reserve(std::min<uint64_t>({max_count, head - from_position + 1, 10'000}));
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kGlobal]));
  for (it->Seek(PositionKey(std::max<uint64_t>(from_position, 1)));
       it->Valid() && out.size() < max_count; it->Next()) {
    if (GetBigEndian(ToView(it->key())) > head) break;
    if (!out.emplace_back().ParseFromArray(it->value().data(),
                                           static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("event store: undecodable event at position ",
                                              GetBigEndian(ToView(it->key()))));
    }
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the global log"));
  return out;
}

bool RocksDbEventStore::WaitForPosition(uint64_t position, absl::Duration timeout) {
  std::unique_lock lock(head_mu_);
  return head_cv_.wait_for(lock, absl::ToChronoNanoseconds(timeout),
                           [&] { return head_position_.load() >= position; });
}

absl::Status RocksDbEventStore::PutCheckpoint(absl::string_view name, absl::string_view value) {
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  return FromRocks(db_->Put(write_options, cfs_[kCheckpoints], ToSlice(name), ToSlice(value)), "checkpoint");
}

absl::StatusOr<std::optional<std::string>> RocksDbEventStore::GetCheckpoint(
    absl::string_view name) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cfs_[kCheckpoints], ToSlice(name), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  RETURN_IF_ERROR(FromRocks(s, "checkpoint"));
  return std::optional<std::string>(std::move(value));
}

}  // namespace ror::eventstore
