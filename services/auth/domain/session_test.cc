#include "services/auth/domain/session.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::ror::testing::StatusIs;
using testing::Apply;
using testing::Decided;
using ::testing::IsEmpty;
using testing::kNow;
using ::testing::SizeIs;

const absl::Duration kTwelveHours = absl::Hours(12);

SessionState Opened() {
  return Apply(SessionState{}, SessionCommand{OpenSession{.session_id = "s1",
                                                          .account_id = "a1",
                                                          .refresh_token_hash = "h1",
                                                          .expires_at = kNow + kTwelveHours,
                                                          .now = kNow}});
}

RefreshSession Refresh(std::string presented, std::string next, absl::Time at) {
  return RefreshSession{.presented_hash = std::move(presented),
                        .new_hash = std::move(next),
                        .expires_at = at + kTwelveHours,
                        .now = at};
}

TEST(SessionTest, GivenAnOpenSessionWhenItsRefreshTokenIsPresentedThenItRotates) {
  const SessionState opened = Opened();
  EXPECT_EQ(opened.account_id, "a1");
  const auto events = Decided(opened, SessionCommand{Refresh("h1", "h2", kNow + absl::Hours(1))});
  ASSERT_THAT(events, SizeIs(1));
  const SessionState state =
      Apply(opened, SessionCommand{Refresh("h1", "h2", kNow + absl::Hours(1))});
  EXPECT_EQ(state.refresh_token_hash, "h2");
  EXPECT_EQ(state.expires_at, kNow + absl::Hours(13));  // sliding
  EXPECT_FALSE(state.revoked);
}

TEST(SessionTest, ARetiredRefreshTokenPresentedAgainEndsTheSession) {
  SessionState state = Apply(Opened(), SessionCommand{Refresh("h1", "h2", kNow)});
  const auto events = Decided(state, SessionCommand{Refresh("h1", "h3", kNow)});
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(std::get<SessionRevoked>(events[0]).reason(),
            SessionRevoked::REASON_REFRESH_TOKEN_REUSED);
  state = Apply(state, SessionCommand{Refresh("h1", "h3", kNow)});
  EXPECT_TRUE(state.revoked);
  // The thief's fresh token is worth nothing either: the session is over.
  EXPECT_THAT(Decided(state, SessionCommand{Refresh("h2", "h4", kNow)}), IsEmpty());
  EXPECT_TRUE(Apply(state, SessionCommand{Refresh("h2", "h4", kNow)}).revoked);
}

TEST(SessionTest, AnUnknownTokenOrAnExpiredSessionIsRefused) {
  EXPECT_THAT(Decide(Opened(), SessionCommand{Refresh("nope", "h2", kNow)}),
              StatusIs(absl::StatusCode::kUnauthenticated, kInvalidRefreshToken));
  EXPECT_THAT(Decide(Opened(), SessionCommand{Refresh("h1", "h2", kNow + kTwelveHours)}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Decide(SessionState{}, SessionCommand{Refresh("h1", "h2", kNow)}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(SessionTest, GivenALogoutThenRefreshingFindsTheSessionEnded) {
  const SessionState state =
      Apply(Opened(),
            SessionCommand{RevokeSession{.reason = SessionRevoked::REASON_LOGOUT, .now = kNow}});
  EXPECT_TRUE(state.revoked);
  EXPECT_EQ(state.revoke_reason, SessionRevoked::REASON_LOGOUT);
  EXPECT_THAT(Decided(state, SessionCommand{Refresh("h1", "h2", kNow)}), IsEmpty());
  EXPECT_THAT(Decide(SessionState{}, SessionCommand{RevokeSession{}}),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace ror::auth::domain
