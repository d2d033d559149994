#include "services/auth/domain/lockout.h"

#include "gtest/gtest.h"

namespace ror::auth::domain {
namespace {

const absl::Time kAt = absl::FromUnixSeconds(1'790'000'000);

TEST(LockoutTest, FourFreeFailuresThenOneMinuteDoublingUpToOneHour) {
  const LockoutPolicy policy;
  for (int failures = 0; failures <= 4; ++failures) {
    EXPECT_EQ(LockedUntil(policy, failures, kAt), absl::InfinitePast()) << failures;
  }
  EXPECT_EQ(LockedUntil(policy, 5, kAt), kAt + absl::Minutes(1));
  EXPECT_EQ(LockedUntil(policy, 6, kAt), kAt + absl::Minutes(2));
  EXPECT_EQ(LockedUntil(policy, 10, kAt), kAt + absl::Minutes(32));
  EXPECT_EQ(LockedUntil(policy, 11, kAt), kAt + absl::Hours(1));
  EXPECT_EQ(LockedUntil(policy, 1000, kAt), kAt + absl::Hours(1));
}

}  // namespace
}  // namespace ror::auth::domain
