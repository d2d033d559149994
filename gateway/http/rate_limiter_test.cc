#include "gateway/http/rate_limiter.h"

#include "gtest/gtest.h"

namespace ror::gateway::http {
namespace {

TEST(RateLimiterTest, ABurstThenTheSustainedRate) {
  RateLimiter limiter(RateLimit{.per_second = 2, .burst = 3});
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("client:a", t0), std::nullopt) << i;
  const std::optional<absl::Duration> wait = limiter.Take("client:a", t0);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, absl::Milliseconds(500));
  // Another client has its own bucket.
  EXPECT_EQ(limiter.Take("client:b", t0), std::nullopt);
  // Half a second later, one more request.
  EXPECT_EQ(limiter.Take("client:a", t0 + absl::Milliseconds(500)), std::nullopt);
  EXPECT_TRUE(limiter.Take("client:a", t0 + absl::Milliseconds(500)).has_value());
}

TEST(RateLimiterTest, IdleBucketsAreForgottenBeyondTheBound) {
  RateLimiter limiter(RateLimit{.per_second = 10, .burst = 1}, /*max_keys=*/2);
  const absl::Time t0 = absl::FromUnixSeconds(1000);
  EXPECT_EQ(limiter.Take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.Take("b", t0), std::nullopt);
  // A third key a second later: a and b are full again, forgotten, and start afresh.
  EXPECT_EQ(limiter.Take("c", t0 + absl::Seconds(1)), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + absl::Seconds(1)), std::nullopt);
  EXPECT_TRUE(limiter.Take("a", t0 + absl::Seconds(1)).has_value());
}

}  // namespace
}  // namespace ror::gateway::http
