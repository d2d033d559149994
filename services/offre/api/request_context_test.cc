// Who the offre service's reads are for: the caller a CallerSource names.
#include "services/offre/api/request_context.h"

#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/status_matchers.h"

namespace ror::offre::api {
namespace {

using ::ror::testing::StatusIs;

TEST(RequestContextTest, NoSourceOrNoContextIsAnonymous) {
  grpc::ServerContext context;
  ASSERT_OK_AND_ASSIGN(authz::Principal caller, CallerOf(nullptr, &context));
  EXPECT_EQ(caller.kind, authz::PrincipalKind::kAnonymous);
  const CallerSource refusing = [](const grpc::ServerContextBase&) {
    return absl::StatusOr<authz::Principal>(absl::UnauthenticatedError("refusé"));
  };
  ASSERT_OK_AND_ASSIGN(caller, CallerOf(refusing, nullptr));
  EXPECT_EQ(caller.kind, authz::PrincipalKind::kAnonymous);
}

TEST(RequestContextTest, TheRegistryNamesTheCallerOfEachCall) {
  authz::CallRegistry registry;
  const CallerSource callers = CallersOf(registry);
  grpc::ServerContext admin_call, refused_call, unregistered_call;
  authz::CallState admin;
  admin.caller = authz::testing::NationalAdministrateur();
  registry.Open(&admin_call, admin);
  authz::CallState refused;
  refused.caller = absl::UnauthenticatedError("jeton expiré");
  registry.Open(&refused_call, refused);

  ASSERT_OK_AND_ASSIGN(authz::Principal caller, CallerOf(callers, &admin_call));
  EXPECT_EQ(caller.kind, authz::PrincipalKind::kUser);
  EXPECT_THAT(CallerOf(callers, &refused_call), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(CallerOf(callers, &unregistered_call), StatusIs(absl::StatusCode::kInternal))
      << "a call the interceptor never saw is a wiring mistake, not an anonymous caller";
  registry.Close(&admin_call);
  registry.Close(&refused_call);
}

}  // namespace
}  // namespace ror::offre::api
