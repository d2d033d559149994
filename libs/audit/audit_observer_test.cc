#include "libs/audit/audit_observer.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::audit {
namespace {

using ::testing::Not;
using ::testing::HasSubstr;

constexpr char kCreate[] = "/ror.v1.OffreService/CreateOffre";
constexpr char kUpdate[] = "/ror.v1.OffreService/UpdateOffre";
constexpr char kGet[] = "/ror.v1.OffreService/GetOffre";

authz::Principal User() {
  authz::Principal p;
  p.kind = authz::PrincipalKind::kUser;
  p.subject = "u-42";
  p.display_name = "Jeanne Martin";
  return p;
}

authz::CallState Write(const char* method, std::string stream, int64_t version) {
  authz::CallState call;
  call.method = method;
  call.peer = "ipv4:10.0.0.7:41000";
  call.caller = User();
  call.stream_id = std::move(stream);
  call.stream_version = version;
  call.request_id = "req-" + call.stream_id;
  return call;
}

class AuditObserverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<AuditLog>> log =
        AuditLog::Open({.path = (dir_.path() / "audit").string(), .sync = true});
    ASSERT_TRUE(log.ok()) << log.status();
    log_ = *std::move(log);
    observer_ = std::make_unique<AuditObserver>(*log_, clock_,
                                                absl::flat_hash_set<std::string>{kCreate, kUpdate});
  }

  std::vector<v1::AuditRecord> Records() {
    absl::StatusOr<std::vector<v1::AuditRecord>> all = log_->Read(0, 1000);
    EXPECT_TRUE(all.ok()) << all.status();
    return all.ok() ? *all : std::vector<v1::AuditRecord>();
  }

  ror::testing::TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<AuditLog> log_;
  std::unique_ptr<AuditObserver> observer_;
};

TEST_F(AuditObserverTest, WritesOneRecordPerWriteCall) {
  observer_->CallEnded(Write(kCreate, "offre-1", 1), grpc::Status::OK);
  clock_.Advance(absl::Seconds(5));
  observer_->CallEnded(Write(kUpdate, "offre-1", 2), grpc::Status::OK);

  const std::vector<v1::AuditRecord> records = Records();
  ASSERT_EQ(records.size(), 2u);
  const v1::AuditRecord& first = records[0];
  EXPECT_EQ(first.sequence(), 1);
  EXPECT_EQ(FromProtoTimestamp(first.recorded_at()), absl::FromUnixSeconds(1'790'000'000));
  EXPECT_EQ(first.actor().kind(), v1::Actor::KIND_USER);
  EXPECT_EQ(first.actor().subject(), "u-42");
  EXPECT_EQ(first.method(), kCreate);
  EXPECT_EQ(first.stream_id(), "offre-1");
  EXPECT_EQ(first.stream_version(), 1);
  EXPECT_EQ(first.request_id(), "req-offre-1");
  EXPECT_EQ(first.peer(), "ipv4:10.0.0.7:41000");
  EXPECT_EQ(first.outcome_code(), 0);
  EXPECT_EQ(first.outcome(), "OK");
  EXPECT_EQ(records[1].method(), kUpdate);
  EXPECT_EQ(records[1].stream_version(), 2);
  EXPECT_EQ(FromProtoTimestamp(records[1].recorded_at()),
            absl::FromUnixSeconds(1'790'000'000) + absl::Seconds(5));
}

TEST_F(AuditObserverTest, ReadsAreNotAudited) {
  authz::CallState get;
  get.method = kGet;
  get.caller = User();
  for (int i = 0; i < 3; ++i) observer_->CallEnded(get, grpc::Status::OK);
  observer_->CallEnded(get, grpc::Status(grpc::StatusCode::NOT_FOUND, "offre inconnue"));
  EXPECT_TRUE(Records().empty());

  observer_->CallEnded(Write(kCreate, "offre-1", 1), grpc::Status::OK);
  observer_->CallEnded(get, grpc::Status::OK);
  observer_->CallEnded(Write(kCreate, "offre-2", 1), grpc::Status::OK);
  EXPECT_EQ(Records().size(), 2u);
  ASSERT_OK_AND_ASSIGN(ChainReport report, log_->Verify());
  EXPECT_TRUE(report.ok()) << Describe(report);
}

// A refused write is audited too, with its code, and never with the status message's free text.
TEST_F(AuditObserverTest, RecordsARefusedWriteWithoutItsMessage) {
  authz::CallState call = Write(kCreate, "", 0);
  observer_->CallEnded(
      call, grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                         "contact.email : « jeanne.martin@chu-exemple.fr » n'est pas valide"));
  const std::vector<v1::AuditRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].outcome(), "INVALID_ARGUMENT");
  EXPECT_EQ(records[0].outcome_code(), 3);
  EXPECT_EQ(records[0].outcome_message(), "requête invalide");
  EXPECT_THAT(records[0].SerializeAsString(), Not(HasSubstr("jeanne.martin")));
  EXPECT_EQ(records[0].stream_id(), "");
}

TEST_F(AuditObserverTest, ARefusedTokenIsAnUnauthenticatedActor) {
  authz::CallState call = Write(kUpdate, "", 0);
  call.caller = absl::UnauthenticatedError("jeton expiré");
  observer_->CallEnded(call, grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "jeton expiré"));
  const std::vector<v1::AuditRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].actor().kind(), v1::Actor::KIND_UNSPECIFIED);
  EXPECT_EQ(records[0].actor().subject(), "unauthenticated");
  EXPECT_EQ(records[0].outcome(), "UNAUTHENTICATED");
  EXPECT_EQ(records[0].outcome_code(), 16);
}

TEST_F(AuditObserverTest, AnAnonymousCallerIsNamedAsSuch) {
  authz::CallState call = Write(kCreate, "", 0);
  call.caller = authz::Anonymous();
  observer_->CallEnded(call, grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "non"));
  const std::vector<v1::AuditRecord> records = Records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].actor().subject(), "anonymous");
  EXPECT_EQ(records[0].outcome(), "PERMISSION_DENIED");
}

TEST_F(AuditObserverTest, APredicateChoosesTheAuditedMethods) {
  AuditObserver by_prefix(*log_, clock_, [](absl::string_view method) {
    return method.find("/Create") != absl::string_view::npos;
  });
  by_prefix.CallEnded(Write(kCreate, "offre-1", 1), grpc::Status::OK);
  by_prefix.CallEnded(Write(kUpdate, "offre-1", 2), grpc::Status::OK);
  EXPECT_EQ(Records().size(), 1u);
}

// The record cannot be written (here: a read-only log): the call goes on, nothing is thrown.
TEST_F(AuditObserverTest, AFailedWriteIsLoggedNotThrown) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<AuditLog> read_only,
                       AuditLog::OpenReadOnly((dir_.path() / "audit").string()));
  AuditObserver observer(*read_only, clock_, absl::flat_hash_set<std::string>{kCreate});
  observer.CallEnded(Write(kCreate, "offre-1", 1), grpc::Status::OK);
  EXPECT_TRUE(Records().empty());
}

}  // namespace
}  // namespace ror::audit
