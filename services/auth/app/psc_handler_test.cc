#include "services/auth/app/psc_handler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/testing/test_key.h"
#include "libs/oidc/testing/fake_provider.h"
#include "services/auth/app/auth_app_testing.h"

namespace ror::auth::app {
namespace {

using ::ror::oidc::testing::FakeProvider;
using ::ror::oidc::testing::QueryParam;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;
using testing::kPassword;

constexpr char kEmail[] = "camille.durand@ch-fleyriat.fr";
constexpr char kRedirectUri[] = "https://ror.example.test/psc/retour";

const jose::testing::TestKey& ProviderKey() {
  static const auto* key = new jose::testing::TestKey(jose::testing::TestKey::EcP256("psc-1"));
  return *key;
}

// PSC in memory: its token endpoint answers an ID token for "code-<nonce>", for the professional
// `subject_`.
class PscHandlerTest : public testing::AuthAppTest {
 protected:
  void SetUp() override {
    AuthAppTest::SetUp();
    ASSERT_NE(app_, nullptr);
    provider_.jwks = {{"keys", {ProviderKey().PublicJwk("ES256")}}};
    provider_.token_answer = [this](const oidc::HttpRequest& request) {
      const std::string code = QueryParam("?" + request.body, "code");
      const int64_t now = absl::ToUnixSeconds(clock_.Now());
      const nlohmann::json claims = {{"iss", provider_.issuer()},
                                     {"sub", subject_},
                                     {"aud", "ror"},
                                     {"exp", now + 60},
                                     {"iat", now},
                                     {"nonce", code.substr(5)},
                                     {"acr", "eidas1"},
                                     {"given_name", "Camille"},
                                     {"family_name", "Durand"},
                                     {"SubjectNameID", "899700218896"}};
      return oidc::HttpResponse{
          .status = 200,
          .content_type = "application/json",
          .body = nlohmann::json{{"access_token", "at"},
                                 {"token_type", "Bearer"},
                                 {"id_token",
                                  jose::testing::SignJws({}, claims, ProviderKey(), "ES256")}}
                      .dump()};
    };
    app_->EnablePsc(PscOptions{.redirect_uri = kRedirectUri}, [this] {
      return oidc::RelyingParty::Discover(oidc::RelyingPartyOptions{.issuer = provider_.issuer(),
                                                                    .client_id = "ror",
                                                                    .client_secret = "secret",
                                                                    .scopes = {"scope_all"},
                                                                    .acr_values = {"eidas1"}},
                                          clock_, provider_.Client());
    });
  }

  // Through PSC and back.
  absl::StatusOr<PscLoginOutcome> ComeBackFromPsc() {
    ASSIGN_OR_RETURN(oidc::AuthorizationRequest request, app_->psc()->Begin());
    EXPECT_EQ(QueryParam(request.url, "redirect_uri"), kRedirectUri);
    return app_->psc()->Complete(request.state,
                                 absl::StrCat("code-", QueryParam(request.url, "nonce")), "", {});
  }

  FakeProvider provider_;
  std::string subject_ = "psc-sub-camille";
};

TEST_F(PscHandlerTest, AnIdentityIsLinkedAfterAnEmailLoginThenOpensSessions) {
  const domain::AccountState account = ActiveAccount(kEmail);
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome first, ComeBackFromPsc());
  ASSERT_TRUE(first.link_required.has_value());
  EXPECT_EQ(first.link_required->given_name, "Camille");
  // Never logged in with e-mail and password: refused, and the link token is used up.
  EXPECT_THAT(app_->psc()->Link(account.account_id, first.link_required->link_token, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("première connexion")));
  EXPECT_THAT(app_->psc()->Link(account.account_id, first.link_required->link_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));

  ASSERT_OK(app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome second, ComeBackFromPsc());
  ASSERT_TRUE(second.link_required.has_value());
  ASSERT_OK_AND_ASSIGN(domain::AccountState linked,
                       app_->psc()->Link(account.account_id, second.link_required->link_token, {}));
  EXPECT_EQ(linked.rpps, "899700218896");

  ASSERT_OK_AND_ASSIGN(PscLoginOutcome third, ComeBackFromPsc());
  ASSERT_TRUE(third.tokens.has_value());
  EXPECT_FALSE(third.tokens->refresh_token.empty());
  ASSERT_OK(app_->sessions().Refresh(third.tokens->refresh_token, {}));
}

TEST_F(PscHandlerTest, OneIdentityLinksOneAccount) {
  const domain::AccountState first = ActiveAccount(kEmail);
  const domain::AccountState other = ActiveAccount("autre@ch-fleyriat.fr");
  ASSERT_OK(app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK(app_->sessions().Login("autre@ch-fleyriat.fr", kPassword, {}));
  // Two link tokens for the same identity, before it is linked.
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome a, ComeBackFromPsc());
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome b, ComeBackFromPsc());
  ASSERT_OK(app_->psc()->Link(first.account_id, a.link_required->link_token, {}));
  EXPECT_THAT(app_->psc()->Link(other.account_id, b.link_required->link_token, {}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("autre compte")));
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome c, ComeBackFromPsc());
  EXPECT_TRUE(c.tokens.has_value());
}

TEST_F(PscHandlerTest, ALinkTokenExpires) {
  const domain::AccountState account = ActiveAccount(kEmail);
  ASSERT_OK(app_->sessions().Login(kEmail, kPassword, {}));
  ASSERT_OK_AND_ASSIGN(PscLoginOutcome outcome, ComeBackFromPsc());
  clock_.Advance(absl::Minutes(10));
  EXPECT_THAT(app_->psc()->Link(account.account_id, outcome.link_required->link_token, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(PscHandlerTest, AnUnreachableProviderIsUnavailableThenTriedAgain) {
  bool reachable = false;
  app_->EnablePsc(
      PscOptions{.redirect_uri = kRedirectUri},
      [&]() -> absl::StatusOr<std::unique_ptr<oidc::RelyingParty>> {
        if (!reachable) return absl::UnavailableError("down");
        return oidc::RelyingParty::Discover(
            oidc::RelyingPartyOptions{
                .issuer = provider_.issuer(), .client_id = "ror", .client_secret = "secret"},
            clock_, provider_.Client());
      });
  EXPECT_THAT(app_->psc()->Begin(), StatusIs(absl::StatusCode::kUnavailable));
  reachable = true;
  EXPECT_OK(app_->psc()->Begin());
}

}  // namespace
}  // namespace ror::auth::app
