#include "libs/server/service_security.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "ror/v1/offre.grpc.pb.h"

namespace ror::server {
namespace {

using ::testing::Contains;
using ::testing::Not;

const google::protobuf::ServiceDescriptor* OffreServiceDescriptor() {
  // Through a generated message, so that the linker keeps offre.proto's descriptors.
  return v1::CreateOffreRequest::descriptor()->file()->FindServiceByName("OffreService");
}

SecurityOptions Options(const ror::testing::TempDir& dir, std::string auth_address) {
  SecurityOptions options;
  options.issuer = "https://auth.ror.test";
  options.audit_dir = (dir.path() / "audit").string();
  options.auth_address = std::move(auth_address);
  return options;
}

TEST(StateChangingMethodsTest, AreTheWritesOfEachService) {
  const auto methods = StateChangingMethods({OffreServiceDescriptor()});
  EXPECT_THAT(methods, Contains("/ror.v1.OffreService/CreateOffre"));
  EXPECT_THAT(methods, Contains("/ror.v1.OffreService/ValidateDraft"));
  EXPECT_THAT(methods, Contains("/ror.v1.OffreService/MoveOffre"));
  EXPECT_THAT(methods, Not(Contains("/ror.v1.OffreService/GetOffre")));
  EXPECT_THAT(methods, Not(Contains("/ror.v1.OffreService/ListModelesSaisie")));
}

TEST(ServiceSecurityTest, WithoutAnAuthAddressOpensTheAuditLogAndWaitsForNoOne) {
  ror::testing::TempDir dir;
  FakeClock clock;
  ASSERT_OK_AND_ASSIGN(
      auto security,
      ServiceSecurity::Start(Options(dir, ""), clock, {OffreServiceDescriptor()}));
  EXPECT_EQ(security->audit_log().Head().sequence(), 0);
}

TEST(ServiceSecurityTest, GivesUpWhenAuthNeverAnswers) {
  ror::testing::TempDir dir;
  FakeClock clock;
  SecurityOptions options = Options(dir, "127.0.0.1:1");
  options.start_timeout = absl::Milliseconds(300);
  auto security = ServiceSecurity::Start(options, clock, {OffreServiceDescriptor()});
  EXPECT_EQ(security.status().code(), absl::StatusCode::kUnavailable);
}

TEST(ServiceSecurityTest, PurgesAuditRecordsPastTheRetentionAtStart) {
  ror::testing::TempDir dir;
  FakeClock clock;
  const std::string path = (dir.path() / "audit").string();
  {
    ASSERT_OK_AND_ASSIGN(auto log, audit::AuditLog::Open(audit::AuditLogOptions{.path = path}));
    for (absl::Duration age : {absl::Hours(24 * 400), absl::Hours(24 * 10)}) {
      v1::AuditRecord record;
      record.set_method("/ror.v1.OffreService/CreateOffre");
      *record.mutable_recorded_at() = ToProtoTimestamp(clock.Now() - age);
      ASSERT_OK(log->Append(record).status());
    }
  }
  SecurityOptions options = Options(dir, "");
  options.audit_retention = absl::Hours(24 * 365);
  ASSERT_OK_AND_ASSIGN(auto security,
                       ServiceSecurity::Start(options, clock, {OffreServiceDescriptor()}));
  ASSERT_OK_AND_ASSIGN(auto remaining, security->audit_log().Read(1, 10));
  ASSERT_EQ(remaining.size(), 1u);
  EXPECT_EQ(remaining[0].sequence(), 2);
  ASSERT_OK_AND_ASSIGN(auto report, security->audit_log().Verify());
  EXPECT_TRUE(report.ok());
}

}  // namespace
}  // namespace ror::server
