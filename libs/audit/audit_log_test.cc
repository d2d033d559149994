#include "libs/audit/audit_log.h"

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/audit/chain_hash.h"
#include "libs/audit/storage_layout.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "rocksdb/db.h"

namespace ror::audit {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1'790'000'000);

v1::AuditRecord Call(int i, absl::Time at = kT0) {
  v1::AuditRecord r;
  *r.mutable_recorded_at() = ToProtoTimestamp(at);
  r.mutable_actor()->set_kind(v1::Actor::KIND_USER);
  r.mutable_actor()->set_subject(absl::StrCat("u-", i % 3));
  r.set_method("/ror.v1.OffreService/CreateOffre");
  r.set_stream_id(absl::StrCat("offre-", i));
  r.set_stream_version(1);
  r.set_request_id(absl::StrCat("req-", i));
  r.set_peer("ipv4:127.0.0.1:5000");
  r.set_outcome("OK");
  r.set_outcome_message("réussi");
  return r;
}

// The log's RocksDB opened directly, as an attacker with access to the files would.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    rocksdb::DBOptions options;
    rocksdb::ColumnFamilyOptions cf;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, cf}, {kRecordsFamily, cf}, {kMetaFamily, cf}};
    rocksdb::DB* db = nullptr;
    status_ = rocksdb::DB::Open(options, path, families, &cfs_, &db);
    db_.reset(db);
  }
  ~RawDb() {
    for (auto* cf : cfs_) db_->DestroyColumnFamilyHandle(cf);
    db_->Close().PermitUncheckedError();
  }
  bool ok() const { return status_.ok(); }
  std::string Get(int64_t sequence) {
    std::string value;
    status_ = db_->Get(rocksdb::ReadOptions(), cfs_[1], RecordKey(sequence), &value);
    return value;
  }
  void Put(int64_t sequence, const std::string& value) {
    status_ = db_->Put(rocksdb::WriteOptions(), cfs_[1], RecordKey(sequence), value);
  }
  void Delete(int64_t sequence) {
    status_ = db_->Delete(rocksdb::WriteOptions(), cfs_[1], RecordKey(sequence));
  }
  void PutHead(const v1::AuditHead& head) {
    status_ = db_->Put(rocksdb::WriteOptions(), cfs_[2], kHeadKey, head.SerializeAsString());
  }

 private:
  rocksdb::Status status_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs_;
};

class AuditLogTest : public ::testing::Test {
 protected:
  std::string Path() const { return (dir_.path() / "audit").string(); }

  std::unique_ptr<AuditLog> OpenLog() {
    absl::StatusOr<std::unique_ptr<AuditLog>> log = AuditLog::Open({.path = Path(), .sync = true});
    EXPECT_TRUE(log.ok()) << log.status();
    return log.ok() ? *std::move(log) : nullptr;
  }

  // Appends `n` records and closes the log, as a service that stopped.
  void Fill(int n) {
    std::unique_ptr<AuditLog> log = OpenLog();
    for (int i = 1; i <= n; ++i) ASSERT_OK(log->Append(Call(i)).status());
  }

  // What `rorctl audit verify` sees.
  ChainReport VerifyFromOutside() {
    absl::StatusOr<std::unique_ptr<AuditLog>> log = AuditLog::OpenReadOnly(Path());
    EXPECT_TRUE(log.ok()) << log.status();
    if (!log.ok()) return ChainReport{};
    absl::StatusOr<ChainReport> report = (*log)->Verify();
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : ChainReport{};
  }

  ror::testing::TempDir dir_;
};

TEST_F(AuditLogTest, AppendsOneChainAndVerifiesIt) {
  std::unique_ptr<AuditLog> log = OpenLog();
  std::string prev = GenesisHash();
  for (int i = 1; i <= 5; ++i) {
    ASSERT_OK_AND_ASSIGN(v1::AuditRecord stored, log->Append(Call(i)));
    EXPECT_EQ(stored.sequence(), i);
    EXPECT_EQ(stored.prev_hash(), prev);
    EXPECT_EQ(stored.hash(), RecordHash(stored));
    prev = stored.hash();
  }
  EXPECT_EQ(log->Head().sequence(), 5);
  EXPECT_EQ(log->Head().hash(), prev);
  ASSERT_OK_AND_ASSIGN(ChainReport report, log->Verify());
  EXPECT_TRUE(report.ok()) << Describe(report);
  EXPECT_EQ(report.records, 5);
  EXPECT_EQ(Describe(report), "audit: 5 records verified from sequence 1 to 5");
  ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> read, log->Read(2, 2));
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].request_id(), "req-2");
  EXPECT_EQ(read[1].sequence(), 3);
}

TEST_F(AuditLogTest, ReopenedLogGoesOnWithTheSameChain) {
  Fill(3);
  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_OK_AND_ASSIGN(v1::AuditRecord stored, log->Append(Call(4)));
  EXPECT_EQ(stored.sequence(), 4);
  ASSERT_OK_AND_ASSIGN(ChainReport report, log->Verify());
  EXPECT_EQ(Describe(report), "audit: 4 records verified from sequence 1 to 4");
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
  OpenLog();
  EXPECT_EQ(Describe(VerifyFromOutside()), "audit: 0 records verified from sequence 1 to 0");
}

// rorctl audit verify runs beside the service: a secondary instance while the writer is open.
TEST_F(AuditLogTest, ReadOnlyOpenWorksWhileTheWriterIsOpen) {
  std::unique_ptr<AuditLog> log = OpenLog();
  for (int i = 1; i <= 3; ++i) ASSERT_OK(log->Append(Call(i)).status());
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<AuditLog> reader, AuditLog::OpenReadOnly(Path()));
  ASSERT_OK(log->Append(Call(4)).status());  // after the reader opened: not seen, no harm
  ASSERT_OK_AND_ASSIGN(ChainReport report, reader->Verify());
  EXPECT_EQ(Describe(report), "audit: 3 records verified from sequence 1 to 3");
  EXPECT_THAT(reader->Append(Call(5)), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(reader->Purge(kT0), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Describe(VerifyFromOutside()), "audit: 4 records verified from sequence 1 to 4");
}

TEST_F(AuditLogTest, ReadOnlyOpenOfNoLogIsNotFound) {
  EXPECT_THAT(AuditLog::OpenReadOnly(Path()), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AuditLogTest, OneFlippedByteIsSeenNamingTheRecord) {
  Fill(5);
  {
    RawDb raw(Path());
    ASSERT_TRUE(raw.ok());
    std::string value = raw.Get(3);
    const size_t at = value.find("offre-3");
    ASSERT_NE(at, std::string::npos);
    value[at + 6] = '4';  // offre-3 -> offre-4
    raw.Put(3, value);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->kind, BreakKind::kModified);
  EXPECT_THAT(Describe(report), HasSubstr("chain broken at sequence 3 (modified)"));
}

// Whichever byte of a stored record changes, the change is seen at that record.
TEST_F(AuditLogTest, EveryFlippedByteOfARecordIsSeen) {
  Fill(4);
  RawDb raw(Path());  // stays open: the verifier reads beside it, as beside a running service
  ASSERT_TRUE(raw.ok());
  const std::string original = raw.Get(2);
  for (size_t i = 0; i < original.size(); ++i) {
    for (unsigned char mask : {0x01, 0x80}) {
      std::string value = original;
      value[i] = static_cast<char>(value[i] ^ mask);
      raw.Put(2, value);
      const ChainReport report = VerifyFromOutside();
      ASSERT_FALSE(report.ok()) << "byte " << i << " mask " << int{mask};
      EXPECT_EQ(report.first_break->sequence, 2) << "byte " << i;
      EXPECT_EQ(report.first_break->kind, BreakKind::kModified) << "byte " << i;
    }
  }
  raw.Put(2, original);
  EXPECT_TRUE(VerifyFromOutside().ok());
}

TEST_F(AuditLogTest, ARemovedRecordIsSeen) {
  Fill(5);
  {
    RawDb raw(Path());
    raw.Delete(3);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->kind, BreakKind::kRemoved);
  EXPECT_THAT(report.first_break->detail, HasSubstr("record 3 is missing"));
}

TEST_F(AuditLogTest, TheFirstRecordRemovedIsSeen) {
  Fill(3);
  {
    RawDb raw(Path());
    raw.Delete(1);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 1);
  EXPECT_EQ(report.first_break->kind, BreakKind::kRemoved);
}

TEST_F(AuditLogTest, SwappedRecordsAreSeen) {
  Fill(5);
  {
    RawDb raw(Path());
    const std::string two = raw.Get(2);
    const std::string four = raw.Get(4);
    raw.Put(2, four);
    raw.Put(4, two);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 2);
  EXPECT_EQ(report.first_break->kind, BreakKind::kReordered);
  EXPECT_THAT(report.first_break->detail, HasSubstr("holds record 4"));
}

// Swapped and renumbered and re-hashed, each record consistent in itself: the links betray it.
TEST_F(AuditLogTest, SwappedAndRehashedRecordsAreSeen) {
  Fill(5);
  {
    RawDb raw(Path());
    v1::AuditRecord two;
    v1::AuditRecord three;
    ASSERT_TRUE(two.ParseFromString(raw.Get(2)));
    ASSERT_TRUE(three.ParseFromString(raw.Get(3)));
    std::swap(*two.mutable_request_id(), *three.mutable_request_id());
    two.set_hash(RecordHash(two));
    three.set_hash(RecordHash(three));
    raw.Put(2, two.SerializeAsString());
    raw.Put(3, three.SerializeAsString());
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->kind, BreakKind::kReordered);
}

TEST_F(AuditLogTest, ATruncatedTailIsSeen) {
  Fill(5);
  {
    RawDb raw(Path());
    raw.Delete(5);
    raw.Delete(4);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 4);
  EXPECT_EQ(report.first_break->kind, BreakKind::kTruncated);
  EXPECT_THAT(report.first_break->detail, HasSubstr("names record 5 but the chain ends at 3"));
}

// What a purely local chain cannot prove (README): whoever rewrites the head with the tail can
// hide the truncation. Only a head kept elsewhere (logged, or noted by the operator) would show it.
TEST_F(AuditLogTest, ATruncationWithARewrittenHeadIsNotSeenLocally) {
  Fill(5);
  {
    RawDb raw(Path());
    v1::AuditRecord four;
    ASSERT_TRUE(four.ParseFromString(raw.Get(4)));
    raw.Delete(5);
    v1::AuditHead head;
    head.set_sequence(4);
    head.set_hash(four.hash());
    raw.PutHead(head);
  }
  EXPECT_TRUE(VerifyFromOutside().ok());
}

TEST_F(AuditLogTest, RecordsAfterTheHeadAreSeenAndNeverOverwritten) {
  Fill(3);
  {
    std::unique_ptr<AuditLog> log = OpenLog();
    ASSERT_OK(log->Append(Call(4)).status());
  }
  v1::AuditHead three;
  {
    RawDb raw(Path());
    v1::AuditRecord r;
    ASSERT_TRUE(r.ParseFromString(raw.Get(3)));
    three.set_sequence(3);
    three.set_hash(r.hash());
    raw.PutHead(three);  // the head rolled back: record 4 now follows it
  }
  ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 4);
  EXPECT_EQ(report.first_break->kind, BreakKind::kHeadMismatch);

  std::unique_ptr<AuditLog> log = OpenLog();
  ASSERT_OK_AND_ASSIGN(v1::AuditRecord fifth, log->Append(Call(5)));
  EXPECT_EQ(fifth.sequence(), 5);  // record 4 kept as evidence
  ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> four, log->Read(4, 1));
  ASSERT_EQ(four.size(), 1u);
  EXPECT_EQ(four[0].request_id(), "req-4");
}

TEST_F(AuditLogTest, PurgeKeepsTheRestVerifiable) {
  std::unique_ptr<AuditLog> log = OpenLog();
  for (int day = 0; day < 10; ++day) {
    ASSERT_OK(log->Append(Call(day + 1, kT0 + absl::Hours(24 * day))).status());
  }
  // A year after day 6: the records of days 0 to 5 are past the retention.
  const absl::Time now = kT0 + absl::Hours(24 * 6) + kDefaultRetention;
  ASSERT_OK_AND_ASSIGN(PurgeResult purged, log->Purge(now));
  EXPECT_EQ(purged.removed, 6);  // days 0 to 5
  EXPECT_EQ(purged.checkpoint_sequence, 6);
  ASSERT_OK_AND_ASSIGN(ChainReport report, log->Verify());
  EXPECT_EQ(Describe(report), "audit: 4 records verified from sequence 7 to 10");
  EXPECT_EQ(report.checkpoint_sequence, 6);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> left, log->Read(0, 100));
  ASSERT_EQ(left.size(), 4u);
  EXPECT_EQ(left[0].sequence(), 7);

  ASSERT_OK(log->Append(Call(11, now)).status());
  ASSERT_OK_AND_ASSIGN(PurgeResult again, log->Purge(now));  // nothing old enough left
  EXPECT_EQ(again.removed, 0);
  EXPECT_EQ(again.checkpoint_sequence, 6);
  log.reset();
  EXPECT_EQ(Describe(VerifyFromOutside()), "audit: 5 records verified from sequence 7 to 11");

  {
    RawDb raw(Path());
    std::string value = raw.Get(8);
    value[value.find("req-8") + 4] = '9';
    raw.Put(8, value);
  }
  const ChainReport broken = VerifyFromOutside();
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.first_break->sequence, 8);
  EXPECT_EQ(broken.first_break->kind, BreakKind::kModified);
}

TEST_F(AuditLogTest, TheFirstRecordAfterTheCheckpointRemovedIsSeen) {
  std::unique_ptr<AuditLog> log = OpenLog();
  for (int day = 0; day < 5; ++day) {
    ASSERT_OK(log->Append(Call(day + 1, kT0 + absl::Hours(24 * day))).status());
  }
  ASSERT_OK(log->Purge(kT0 + absl::Hours(24 * 2) + kDefaultRetention).status());  // removes 1, 2
  log.reset();
  {
    RawDb raw(Path());
    raw.Delete(3);
  }
  const ChainReport report = VerifyFromOutside();
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->sequence, 3);
  EXPECT_EQ(report.first_break->kind, BreakKind::kRemoved);
}

TEST_F(AuditLogTest, PurgeOfEverythingLeavesAVerifiableLogThatGoesOn) {
  std::unique_ptr<AuditLog> log = OpenLog();
  for (int i = 1; i <= 3; ++i) ASSERT_OK(log->Append(Call(i)).status());
  ASSERT_OK_AND_ASSIGN(PurgeResult purged, log->Purge(kT0 + absl::Hours(1), absl::Minutes(1)));
  EXPECT_EQ(purged.removed, 3);
  ASSERT_OK_AND_ASSIGN(ChainReport empty, log->Verify());
  EXPECT_EQ(Describe(empty), "audit: 0 records verified from sequence 4 to 3");
  log.reset();
  log = OpenLog();
  ASSERT_OK_AND_ASSIGN(v1::AuditRecord next, log->Append(Call(4, kT0 + absl::Hours(2))));
  EXPECT_EQ(next.sequence(), 4);
  ASSERT_OK_AND_ASSIGN(ChainReport report, log->Verify());
  EXPECT_EQ(Describe(report), "audit: 1 records verified from sequence 4 to 4");
}

TEST_F(AuditLogTest, PurgeRefusesABrokenChain) {
  Fill(4);
  {
    RawDb raw(Path());
    raw.Delete(2);
  }
  std::unique_ptr<AuditLog> log = OpenLog();
  EXPECT_THAT(log->Purge(kT0 + absl::Hours(1), absl::Minutes(1)),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("chain broken at sequence 2 (removed)")));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> left, log->Read(0, 100));
  EXPECT_EQ(left.size(), 3u);  // nothing erased
}

TEST_F(AuditLogTest, ConcurrentAppendsFormOneContiguousChain) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  std::unique_ptr<AuditLog> log = OpenLog();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_OK(log->Append(Call(t * 1000 + i)).status());
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_OK_AND_ASSIGN(ChainReport report, log->Verify());
  EXPECT_EQ(Describe(report),
            absl::StrCat("audit: ", kThreads * kPerThread, " records verified from sequence 1 to ",
                         kThreads * kPerThread));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::AuditRecord> all, log->Read(0, 1000));
  std::set<std::string> requests;
  for (const auto& r : all) requests.insert(r.request_id());
  EXPECT_EQ(requests.size(), static_cast<size_t>(kThreads * kPerThread));  // none lost, none twice
}

}  // namespace
}  // namespace ror::audit
