#include "libs/audit/audit_log.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "libs/audit/chain_hash.h"
#include "libs/audit/storage_layout.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "rocksdb/write_batch.h"

namespace ror::audit {
namespace {

enum Cf { kDefault = 0, kRecords = 1, kMeta = 2 };

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("audit log: ", what, ": ", s.ToString()));
}

std::vector<rocksdb::ColumnFamilyDescriptor> Families(const rocksdb::ColumnFamilyOptions& o) {
  return {{rocksdb::kDefaultColumnFamilyName, o}, {kRecordsFamily, o}, {kMetaFamily, o}};
}

absl::string_view View(const rocksdb::Slice& s) { return absl::string_view(s.data(), s.size()); }

rocksdb::ReadOptions At(const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  return read;
}

// A directory of its own for the secondary instance's info log.
absl::StatusOr<std::string> MakeSecondaryDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(base != nullptr ? base : "/tmp", "/ror-audit-ro-XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return absl::UnavailableError(absl::StrCat("audit log: cannot create ", pattern));
  }
  return pattern;
}

}  // namespace

AuditLog::AuditLog(std::string path, bool sync, bool read_only)
    : path_(std::move(path)), sync_(sync), read_only_(read_only) {
  durable_.set_hash(GenesisHash());
}

AuditLog::~AuditLog() {
  if (db_) {
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
    db_->Close().PermitUncheckedError();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(secondary_dir_, ignored);
  }
}

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(const AuditLogOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("audit log: path: required");
  auto log = absl::WrapUnique(new AuditLog(options.path, options.sync, /*read_only=*/false));
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, options.path,
                                        Families(rocksdb::ColumnFamilyOptions()), &log->cfs_, &db);
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("audit log: cannot open ", options.path, ": ", s.ToString()));
  }
  log->db_.reset(db);
  RETURN_IF_ERROR(log->LoadHead());
  return log;
}

absl::StatusOr<std::unique_ptr<AuditLog>> AuditLog::OpenReadOnly(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::path(path) / "CURRENT", error)) {
    return absl::NotFoundError(absl::StrCat("audit log: no log in ", path));
  }
  auto log = absl::WrapUnique(new AuditLog(path, /*sync=*/false, /*read_only=*/true));
  ASSIGN_OR_RETURN(log->secondary_dir_, MakeSecondaryDir());
  rocksdb::DBOptions db_options;
  // A secondary keeps every table file open, so the primary's compactions cannot pull one away.
  db_options.max_open_files = -1;
  rocksdb::DB* db = nullptr;
  rocksdb::Status s =
      rocksdb::DB::OpenAsSecondary(db_options, path, log->secondary_dir_,
                                   Families(rocksdb::ColumnFamilyOptions()), &log->cfs_, &db);
  if (!s.ok()) {
    return absl::UnavailableError(
        absl::StrCat("audit log: cannot open ", path, " for reading: ", s.ToString()));
  }
  log->db_.reset(db);
  RETURN_IF_ERROR(FromRocks(log->db_->TryCatchUpWithPrimary(), "catching up with the service"));
  RETURN_IF_ERROR(log->LoadHead());
  return log;
}

template <typename Message>
absl::StatusOr<std::optional<Message>> AuditLog::GetMeta(const rocksdb::ReadOptions& read,
                                                         const char* key) const {
  std::string value;
  rocksdb::Status s = db_->Get(read, cfs_[kMeta], key, &value);
  if (s.IsNotFound()) return std::optional<Message>();
  RETURN_IF_ERROR(FromRocks(s, absl::StrCat("reading ", key)));
  Message message;
  if (!message.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("audit log: the ", key, " does not decode"));
  }
  return std::optional<Message>(std::move(message));
}

// The next sequence follows whichever of the head, the checkpoint and the last stored key is
// highest: should they disagree (a tampered log), appending must never overwrite a stored record.
// Verify reports the disagreement; the service keeps auditing.
absl::Status AuditLog::LoadHead() {
  const rocksdb::ReadOptions read;
  absl::StatusOr<std::optional<v1::AuditHead>> head = GetMeta<v1::AuditHead>(read, kHeadKey);
  absl::StatusOr<std::optional<v1::AuditCheckpoint>> checkpoint =
      GetMeta<v1::AuditCheckpoint>(read, kCheckpointKey);
  if (!head.ok() && !absl::IsDataLoss(head.status())) return head.status();
  if (!checkpoint.ok() && !absl::IsDataLoss(checkpoint.status())) return checkpoint.status();
  if (head.ok() && head->has_value()) {
    durable_ = **head;
  } else if (checkpoint.ok() && checkpoint->has_value()) {
    durable_.set_sequence((*checkpoint)->sequence());
    durable_.set_hash((*checkpoint)->hash());
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cfs_[kRecords]));
  it->SeekToLast();
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the last record"));
  const int64_t last_key = it->Valid() ? SequenceOfKey(View(it->key())) : 0;
  if (last_key > durable_.sequence()) {
    log::Error("audit log: records follow the head; run rorctl audit verify",
               {{"path", path_},
                {"head", absl::StrCat(durable_.sequence())},
                {"last_record", absl::StrCat(last_key)}});
    durable_.set_sequence(last_key);
  }
  chained_ = durable_;
  return absl::OkStatus();
}

struct AuditLog::Pending {
  v1::AuditRecord record;
  absl::Status status;
  bool done = false;
};

absl::StatusOr<v1::AuditRecord> AuditLog::Append(v1::AuditRecord record) {
  if (read_only_) return absl::FailedPreconditionError("audit log: opened read-only");
  std::unique_lock lock(mu_);
  // Chained now, in the order the callers got the mutex; written by whoever leads the next group.
  record.set_sequence(chained_.sequence() + 1);
  record.set_prev_hash(chained_.hash());
  record.set_hash(RecordHash(record));
  chained_.set_sequence(record.sequence());
  chained_.set_hash(record.hash());
  Pending pending{.record = std::move(record), .status = absl::OkStatus(), .done = false};
  queue_.push_back(&pending);
  while (!pending.done) {
    if (writing_) {
      written_.wait(lock);
    } else {
      WriteGroup(lock);
    }
  }
  if (!pending.status.ok()) return pending.status;
  return std::move(pending.record);
}

// Writes every queued record and the head in one batch, mu_ released during the write so that
// the next callers can chain and queue meanwhile.
void AuditLog::WriteGroup(std::unique_lock<std::mutex>& lock) {
  std::vector<Pending*> group;
  group.swap(queue_);
  writing_ = true;
  v1::AuditHead head;
  head.set_sequence(group.back()->record.sequence());
  head.set_hash(group.back()->record.hash());
  lock.unlock();

  // The records and the head together: a crash leaves all of them or none.
  rocksdb::WriteBatch batch;
  for (const Pending* p : group) {
    batch.Put(cfs_[kRecords], RecordKey(p->record.sequence()), p->record.SerializeAsString());
  }
  batch.Put(cfs_[kMeta], kHeadKey, head.SerializeAsString());
  rocksdb::WriteOptions write;
  write.sync = sync_;
  const absl::Status status = FromRocks(db_->Write(write, &batch), "append");

  lock.lock();
  writing_ = false;
  if (status.ok()) {
    durable_ = std::move(head);
  } else {
    // What queued meanwhile is chained after records that were not written: it fails too, and the
    // chain goes on from the last record written.
    group.insert(group.end(), queue_.begin(), queue_.end());
    queue_.clear();
    chained_ = durable_;
  }
  for (Pending* p : group) {
    p->status = status;
    p->done = true;
  }
  written_.notify_all();
}

absl::StatusOr<ChainReport> AuditLog::Verify() const {
  // A snapshot so that the head, the checkpoint and the records are read as of one instant while
  // appends go on. A secondary instance does not move until it catches up again, so needs none.
  const rocksdb::Snapshot* snapshot = read_only_ ? nullptr : db_->GetSnapshot();
  absl::StatusOr<ChainReport> report = VerifyAt(snapshot);
  if (snapshot != nullptr) db_->ReleaseSnapshot(snapshot);
  return report;
}

absl::StatusOr<ChainReport> AuditLog::VerifyAt(const rocksdb::Snapshot* snapshot) const {
  const rocksdb::ReadOptions read = At(snapshot);
  absl::StatusOr<std::optional<v1::AuditCheckpoint>> checkpoint =
      GetMeta<v1::AuditCheckpoint>(read, kCheckpointKey);
  if (absl::IsDataLoss(checkpoint.status())) {
    ChainReport report;
    report.first_break = ChainBreak{.sequence = 0,
                                    .kind = BreakKind::kModified,
                                    .detail = "the purge checkpoint does not decode"};
    return report;
  }
  RETURN_IF_ERROR(checkpoint.status());
  ChainVerifier verifier(*checkpoint);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, cfs_[kRecords]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!verifier.Add(View(it->key()), View(it->value()))) break;
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the records"));

  absl::StatusOr<std::optional<v1::AuditHead>> head = GetMeta<v1::AuditHead>(read, kHeadKey);
  if (absl::IsDataLoss(head.status())) {
    ChainReport report = verifier.Finish(std::nullopt);
    if (report.ok()) {
      report.first_break = ChainBreak{.sequence = report.last_sequence,
                                      .kind = BreakKind::kHeadMismatch,
                                      .detail = "the head does not decode"};
    }
    return report;
  }
  RETURN_IF_ERROR(head.status());
  return verifier.Finish(*head);
}

absl::StatusOr<PurgeResult> AuditLog::Purge(absl::Time now, absl::Duration older_than) {
  if (read_only_) return absl::FailedPreconditionError("audit log: opened read-only");
  std::unique_lock lock(mu_);  // no append between the verification and the removal
  written_.wait(lock, [this] { return !writing_ && queue_.empty(); });
  ASSIGN_OR_RETURN(ChainReport report, Verify());
  if (!report.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("audit log: not purged, the chain does not verify: ", Describe(report)));
  }
  const absl::Time before = now - older_than;
  PurgeResult result{.removed = 0, .checkpoint_sequence = report.checkpoint_sequence};
  v1::AuditCheckpoint checkpoint;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kRecords]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    v1::AuditRecord record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("audit log: a record does not decode");  // verified just now
    }
    // Oldest first, and stop at the first younger record: what stays is one unbroken chain even
    // if the clock once stepped back.
    if (FromProtoTimestamp(record.recorded_at()) >= before) break;
    checkpoint.set_sequence(record.sequence());
    checkpoint.set_hash(record.hash());
    *checkpoint.mutable_recorded_at() = record.recorded_at();
    ++result.removed;
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the records"));
  if (result.removed == 0) return result;

  *checkpoint.mutable_purged_at() = ToProtoTimestamp(now);
  *checkpoint.mutable_purged_before() = ToProtoTimestamp(before);
  rocksdb::WriteBatch batch;
  batch.DeleteRange(cfs_[kRecords], RecordKey(report.first_sequence),
                    RecordKey(checkpoint.sequence() + 1));
  batch.Put(cfs_[kMeta], kCheckpointKey, checkpoint.SerializeAsString());
  rocksdb::WriteOptions write;
  write.sync = true;  // a purge is rare; always durable
  RETURN_IF_ERROR(FromRocks(db_->Write(write, &batch), "purge"));
  result.checkpoint_sequence = checkpoint.sequence();
  // The checkpoint in the service's own log too: a witness outside this directory.
  log::Info("audit log purged", {{"path", path_},
                                 {"removed", absl::StrCat(result.removed)},
                                 {"checkpoint_sequence", absl::StrCat(checkpoint.sequence())},
                                 {"checkpoint_hash", Hex(checkpoint.hash())}});
  return result;
}

absl::StatusOr<std::vector<v1::AuditRecord>> AuditLog::Read(int64_t from_sequence,
                                                            size_t max_count) const {
  std::vector<v1::AuditRecord> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cfs_[kRecords]));
  for (it->Seek(RecordKey(std::max<int64_t>(from_sequence, 0))); it->Valid() && out.size() < max_count;
       it->Next()) {
    if (!out.emplace_back().ParseFromArray(it->value().data(),
                                           static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("audit log: record ",
                                              SequenceOfKey(View(it->key())),
                                              " does not decode"));
    }
  }
  RETURN_IF_ERROR(FromRocks(it->status(), "reading the records"));
  return out;
}

v1::AuditHead AuditLog::Head() const {
  std::lock_guard lock(mu_);
  return durable_;
}

}  // namespace ror::audit
