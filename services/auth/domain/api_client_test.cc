#include "services/auth/domain/api_client.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::ror::testing::StatusIs;
using testing::Apply;
using testing::Decided;
using ::testing::ElementsAre;
using testing::kNow;
using ::testing::SizeIs;
using testing::Violations;

CreateApiClient Creation() {
  return CreateApiClient{.client_id = "c1",
                         .name = "ViaTrajectoire",
                         .access_profile = 2,
                         .client_secret_hash = "sha",
                         .now = kNow};
}

TEST(ApiClientTest, GivenNothingWhenCreatedThenItKeepsItsProfileAndSecretHash) {
  EXPECT_THAT(Decided(ApiClientState{}, ApiClientCommand{Creation()}), SizeIs(1));
  const ApiClientState state = Apply(ApiClientState{}, ApiClientCommand{Creation()});
  EXPECT_EQ(state.client.access_profile(), 2);
  EXPECT_EQ(state.client.client_secret_hash(), "sha");
}

TEST(ApiClientTest, AProfileOutside0To5AndAMissingNameAreRefused) {
  CreateApiClient bad = Creation();
  bad.name = "";
  bad.access_profile = 6;
  EXPECT_THAT(Violations(Decide(ApiClientState{}, ApiClientCommand{bad}).status()),
              ElementsAre("name:required", "access_profile:range"));
}

TEST(ApiClientTest, AnotherClientUnderTheSameIdIsRefused) {
  const ApiClientState state = Apply(ApiClientState{}, ApiClientCommand{Creation()});
  CreateApiClient other = Creation();
  other.client_secret_hash = "other";
  EXPECT_THAT(Decide(state, ApiClientCommand{other}), StatusIs(absl::StatusCode::kAlreadyExists));
}

}  // namespace
}  // namespace ror::auth::domain
