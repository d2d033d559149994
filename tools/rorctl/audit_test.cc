// rorctl audit verify|purge, run as the operator runs them, on a log in a temporary directory.
#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/audit/audit_log.h"
#include "libs/audit/storage_layout.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/child_process.h"
#include "libs/testing/temp_dir.h"
#include "rocksdb/db.h"

namespace ror::rorctl {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Outcome {
  int exit_code = -1;
  std::vector<std::string> lines;  // stdout
};

Outcome Rorctl(std::vector<std::string> args) {
  args.insert(args.begin(), ROR_RORCTL);
  ror::testing::ChildProcess child(std::move(args), "/dev/null");
  const int status = child.Wait();
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  child.WaitForLine(
      [&](const std::string& line) {
        outcome.lines.push_back(line);
        return false;  // every line
      },
      absl::Seconds(1));
  return outcome;
}

v1::AuditRecord Call(const std::string& request_id, absl::Time at) {
  v1::AuditRecord r;
  *r.mutable_recorded_at() = ToProtoTimestamp(at);
  r.mutable_actor()->set_kind(v1::Actor::KIND_USER);
  r.mutable_actor()->set_subject("u-1");
  r.set_method("/ror.v1.OffreService/CreateOffre");
  r.set_request_id(request_id);
  r.set_outcome("OK");
  return r;
}

class RorctlAuditTest : public ::testing::Test {
 protected:
  std::string Dir() const { return (dir_.path() / "audit").string(); }
  ror::testing::TempDir dir_;
};

TEST_F(RorctlAuditTest, VerifiesBesideTheServiceThenPurgesWhenItIsStopped) {
  auto log = *audit::AuditLog::Open({.path = Dir()});
  const absl::Time now = absl::Now();
  ASSERT_OK(log->Append(Call("old-1", now - absl::Hours(24 * 400))).status());
  ASSERT_OK(log->Append(Call("old-2", now - absl::Hours(24 * 370))).status());
  ASSERT_OK(log->Append(Call("new-3", now - absl::Hours(24))).status());

  // The service still holds the log: verify reads it, purge refuses.
  Outcome verify = Rorctl({"audit", "verify", "--dir", Dir()});
  EXPECT_EQ(verify.exit_code, 0);
  EXPECT_THAT(verify.lines, ElementsAre("audit: 3 records verified from sequence 1 to 3"));
  EXPECT_EQ(Rorctl({"audit", "purge", "--dir", Dir()}).exit_code, 1);

  log.reset();  // the service stopped
  Outcome purge = Rorctl({"audit", "purge", "--dir", Dir(), "--older_than", "8760h"});
  EXPECT_EQ(purge.exit_code, 0);
  EXPECT_THAT(purge.lines,
              ElementsAre("audit: 2 records purged; the chain starts after sequence 2"));
  verify = Rorctl({"audit", "verify", "--dir", Dir()});
  EXPECT_EQ(verify.exit_code, 0);
  EXPECT_THAT(verify.lines,
              ElementsAre("audit: 1 records verified from sequence 3 to 3",
                          "audit: records up to sequence 2 were purged (checkpoint)"));
}

TEST_F(RorctlAuditTest, ABrokenChainExitsOneNamingTheRecord) {
  {
    auto log = *audit::AuditLog::Open({.path = Dir()});
    for (const char* id : {"a", "b", "c"}) ASSERT_OK(log->Append(Call(id, absl::Now())).status());
  }
  {
    rocksdb::ColumnFamilyOptions cf;
    std::vector<rocksdb::ColumnFamilyDescriptor> families = {
        {rocksdb::kDefaultColumnFamilyName, cf}, {audit::kRecordsFamily, cf},
        {audit::kMetaFamily, cf}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), Dir(), families, &handles, &db).ok());
    ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), handles[1], audit::RecordKey(2)).ok());
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    delete db;
  }
  Outcome verify = Rorctl({"audit", "verify", "--dir", Dir()});
  EXPECT_EQ(verify.exit_code, 1);
  ASSERT_EQ(verify.lines.size(), 1u);
  EXPECT_THAT(verify.lines[0], HasSubstr("audit: chain broken at sequence 2 (removed)"));
  // A purge would erase the evidence: refused.
  EXPECT_EQ(Rorctl({"audit", "purge", "--dir", Dir(), "--older_than", "0s"}).exit_code, 1);
}

TEST_F(RorctlAuditTest, BadUsageExitsTwo) {
  EXPECT_EQ(Rorctl({"audit"}).exit_code, 2);
  EXPECT_EQ(Rorctl({"audit", "verify"}).exit_code, 2);
  EXPECT_EQ(Rorctl({"audit", "rewrite", "--dir", Dir()}).exit_code, 2);
  EXPECT_EQ(Rorctl({"audit", "purge", "--dir", Dir(), "--older_than", "bof"}).exit_code, 2);
  // A directory without a log fails; purge does not create one.
  EXPECT_EQ(Rorctl({"audit", "verify", "--dir", Dir()}).exit_code, 1);
  EXPECT_EQ(Rorctl({"audit", "purge", "--dir", Dir()}).exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(Dir()));
}

}  // namespace
}  // namespace ror::rorctl
