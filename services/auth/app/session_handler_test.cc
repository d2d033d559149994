#include "services/auth/app/session_handler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/token_verifier.h"
#include "libs/common/status_matchers.h"
#include "nlohmann/json.hpp"
#include "services/auth/app/auth_app_testing.h"

namespace ror::auth::app {
namespace {

using ::ror::testing::StatusIs;
using testing::AdminContext;
using ::testing::HasSubstr;
using testing::kPassword;
using ::testing::SizeIs;

constexpr char kEmail[] = "marie.durand@ch-fleyriat.fr";

class SessionHandlerTest : public testing::AuthAppTest {
 protected:
  // A verifier that trusts the app's keys and knows its ended sessions, as other services do.
  absl::StatusOr<authz::Principal> Verify(const std::string& token) {
    authz::TokenVerifier verifier(
        authz::VerifierOptions{.issuer = app_->options().issuer, .audience = "ror"}, clock_);
    std::vector<authz::Es256Key> keys;
    const nlohmann::json jwks = nlohmann::json::parse(app_->keys().JwksJson());
    for (const auto& jwk : jwks["keys"]) {
      keys.push_back(*authz::Es256Key::FromJwk(jwk));
    }
    verifier.SetKeys(std::move(keys));
    verifier.RevokeSessions(app_->RevokedSessions());
    return verifier.Verify(token);
  }
};

TEST_F(SessionHandlerTest, ALoginGivesATokenOtherServicesVerify) {
  domain::AccountGrant referent;
  referent.set_role("referent_ror");
  referent.set_region("84");
  const domain::AccountState account = ActiveAccount(kEmail, {referent});
  ASSERT_OK_AND_ASSIGN(Tokens tokens,
                       app_->sessions().Login(" Marie.Durand@ch-fleyriat.fr", kPassword, {}));
  EXPECT_EQ(tokens.expires_in, absl::Minutes(5));
  ASSERT_OK_AND_ASSIGN(authz::Principal principal, Verify(tokens.access_token));
  EXPECT_EQ(principal.subject, account.account_id);
  EXPECT_EQ(principal.display_name, "Marie Durand");
  ASSERT_THAT(principal.grants, SizeIs(1));
  EXPECT_EQ(principal.grants[0].role, authz::Role::kReferentRor);
  EXPECT_EQ(principal.grants[0].region, "84");
  // Never an e-mail in a token.
  EXPECT_THAT(tokens.access_token, ::testing::Not(HasSubstr("fleyriat")));
}

TEST_F(SessionHandlerTest, AWrongPasswordAndAnUnknownEmailGetTheSameAnswer) {
  ActiveAccount(kEmail);
  const absl::Status wrong = app_->sessions().Login(kEmail, "Mauvais-Mot-2026", {}).status();
  const absl::Status unknown = app_->sessions().Login("x@example.fr", kPassword, {}).status();
  EXPECT_THAT(wrong, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_EQ(wrong, unknown);
  EXPECT_EQ(app_->sessions().Login(kEmail, std::string(100'000, 'x'), {}).status(), unknown);
}

TEST_F(SessionHandlerTest, FiveFailuresLockTheAccountForAMinuteThenTwo) {
  ActiveAccount(kEmail);
  for (int i = 0; i < 5; ++i) {
    EXPECT_THAT(app_->sessions().Login(kEmail, "Mauvais-Mot-2026", {}),
                StatusIs(absl::StatusCode::kUnauthenticated));
  }
  EXPECT_THAT(app_->sessions().Login(kEmail, kPassword, {}),
              StatusIs(absl::StatusCode::kUnauthenticated, domain::kBadCredentials));
  clock_.Advance(absl::Minutes(1));
  EXPECT_THAT(app_->sessions().Login(kEmail, "Mauvais-Mot-2026", {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  clock_.Advance(absl::Seconds(119));
  EXPECT_THAT(app_->sessions().Login(kEmail, kPassword, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  clock_.Advance(absl::Seconds(1));
  EXPECT_OK(app_->sessions().Login(kEmail, kPassword, {}));
}

TEST_F(SessionHandlerTest, RefreshRotatesAndAReusedTokenEndsTheSession) {
  ActiveAccount(kEmail);
  ASSERT_OK_AND_ASSIGN(Tokens first, app_->sessions().Login(kEmail, kPassword, {}));
  clock_.Advance(absl::Minutes(4));
  ASSERT_OK_AND_ASSIGN(Tokens second, app_->sessions().Refresh(first.refresh_token, {}));
  EXPECT_NE(second.refresh_token, first.refresh_token);
  ASSERT_OK(Verify(second.access_token));
  // Someone replays the first refresh token: the whole session ends, the thief's and the owner's.
  EXPECT_THAT(app_->sessions().Refresh(first.refresh_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(app_->sessions().Refresh(second.refresh_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Verify(second.access_token), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(SessionHandlerTest, ASessionSlidesTwelveHoursFromItsLastRefresh) {
  ActiveAccount(kEmail);
  ASSERT_OK_AND_ASSIGN(Tokens tokens, app_->sessions().Login(kEmail, kPassword, {}));
  clock_.Advance(absl::Hours(11));
  ASSERT_OK_AND_ASSIGN(tokens, app_->sessions().Refresh(tokens.refresh_token, {}));
  clock_.Advance(absl::Hours(11));
  ASSERT_OK_AND_ASSIGN(tokens, app_->sessions().Refresh(tokens.refresh_token, {}));
  clock_.Advance(absl::Hours(12));
  EXPECT_THAT(app_->sessions().Refresh(tokens.refresh_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(SessionHandlerTest, LogoutEndsTheSession) {
  ActiveAccount(kEmail);
  ASSERT_OK_AND_ASSIGN(Tokens tokens, app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK(app_->sessions().Logout(tokens.refresh_token, {}));
  EXPECT_THAT(app_->sessions().Refresh(tokens.refresh_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Verify(tokens.access_token), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(
      app_->sessions().Logout(tokens.refresh_token, {}),
      StatusIs(absl::StatusCode::kUnauthenticated));  // Published to verifiers only while one of
                                                      // its tokens may still be alive.
  EXPECT_THAT(app_->RevokedSessions(), SizeIs(1));
  clock_.Advance(absl::Minutes(5) + absl::Seconds(30));
  EXPECT_THAT(app_->RevokedSessions(), ::testing::IsEmpty());
}

TEST_F(SessionHandlerTest, DisablingAnAccountEndsItsSessionsAndItsLogins) {
  const domain::AccountState account = ActiveAccount(kEmail);
  ASSERT_OK_AND_ASSIGN(Tokens a, app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK_AND_ASSIGN(Tokens b, app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK(app_->DisableAccount(account.account_id, "départ de l'établissement", AdminContext(),
                                 NationalScope()));
  EXPECT_THAT(Verify(a.access_token), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(Verify(b.access_token), StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(app_->sessions().Refresh(a.refresh_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_THAT(app_->sessions().Login(kEmail, kPassword, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(app_->sessions().Login(kEmail, "Mauvais-Mot-2026", {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(SessionHandlerTest, AnAccountWithoutPasswordCannotLogIn) {
  ASSERT_OK(app_->accounts().Create(NewAccount{.account_id = "",
                                               .email = kEmail,
                                               .prenom = "Marie",
                                               .nom = "Durand",
                                               .grants = {},
                                               .origin = domain::AccountCreated::ORIGIN_MIGRATED,
                                               .account_request_id = ""},
                                    AdminContext(), NationalScope()));
  EXPECT_THAT(app_->sessions().Login(kEmail, "", {}),
              StatusIs(absl::StatusCode::kUnauthenticated, domain::kBadCredentials));
}

}  // namespace
}  // namespace ror::auth::app
