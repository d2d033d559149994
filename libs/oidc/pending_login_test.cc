#include "libs/oidc/pending_login.h"

#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::oidc {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

PendingLogin Login(std::string state, absl::Time at) {
  return {.state = std::move(state), .nonce = "n", .code_verifier = "v",
          .redirect_uri = "https://ror/cb", .created_at = at};
}

TEST(PendingLoginStoreTest, TakesALoginOnceOnly) {
  FakeClock clock;
  PendingLoginStore store(clock);
  ASSERT_OK(store.Put(Login("s1", clock.Now())));
  ASSERT_OK_AND_ASSIGN(PendingLogin login, store.Take("s1"));
  EXPECT_EQ(login.nonce, "n");
  EXPECT_THAT(store.Take("s1"), StatusIs(absl::StatusCode::kUnauthenticated,
                                         HasSubstr("unknown or already used")));
}

TEST(PendingLoginStoreTest, RefusesAnUnknownState) {
  FakeClock clock;
  PendingLoginStore store(clock);
  EXPECT_THAT(store.Take("never-issued"), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(PendingLoginStoreTest, AcceptsUpToTenMinutesThenRefuses) {
  FakeClock clock;
  PendingLoginStore store(clock);
  ASSERT_OK(store.Put(Login("on-time", clock.Now())));
  ASSERT_OK(store.Put(Login("late", clock.Now())));
  clock.Advance(absl::Minutes(10));
  EXPECT_OK(store.Take("on-time"));
  clock.Advance(absl::Seconds(1));
  EXPECT_THAT(store.Take("late"), StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(store.Take("late"), StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("already used")));
}

TEST(PendingLoginStoreTest, RefusesADuplicateState) {
  FakeClock clock;
  PendingLoginStore store(clock);
  ASSERT_OK(store.Put(Login("s", clock.Now())));
  EXPECT_THAT(store.Put(Login("s", clock.Now())), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(PendingLoginStoreTest, BoundedButExpiredLoginsMakeRoom) {
  FakeClock clock;
  PendingLoginStore store(clock, absl::Minutes(10), /*max_entries=*/2);
  ASSERT_OK(store.Put(Login("a", clock.Now())));
  ASSERT_OK(store.Put(Login("b", clock.Now())));
  EXPECT_THAT(store.Put(Login("c", clock.Now())), StatusIs(absl::StatusCode::kResourceExhausted));
  clock.Advance(absl::Minutes(11));
  EXPECT_OK(store.Put(Login("c", clock.Now())));
  EXPECT_EQ(store.size(), 1u);
}

TEST(PendingLoginStoreTest, ConcurrentTakesOfOneStateSucceedOnce) {
  FakeClock clock;
  PendingLoginStore store(clock);
  ASSERT_OK(store.Put(Login("s", clock.Now())));
  std::atomic<int> successes = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { successes += store.Take("s").ok(); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(successes, 1);
}

}  // namespace
}  // namespace ror::oidc
