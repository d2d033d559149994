#include "libs/oidc/relying_party.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/testing/test_key.h"
#include "libs/oidc/pkce.h"
#include "libs/oidc/testing/fake_provider.h"

namespace ror::oidc {
namespace {

using ::ror::jose::testing::SignJws;
using ::ror::jose::testing::TestKey;
using ::ror::oidc::testing::FakeProvider;
using ::ror::oidc::testing::QueryParam;
using ::ror::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

constexpr char kRedirectUri[] = "https://ror.example.test/auth/psc/callback";

const TestKey& Rsa() {
  static const TestKey* key = new TestKey(TestKey::Rsa("psc-rsa"));
  return *key;
}

std::string FormField(const std::string& body, const std::string& name) {
  return QueryParam("?" + body, name);
}

class RelyingPartyTest : public ::testing::Test {
 protected:
  RelyingPartyTest() {
    provider_.jwks = {{"keys", {Rsa().PublicJwk("RS256")}}};
    // By default the provider answers like PSC: an ID token for the nonce the login sent.
    provider_.token_answer = [this](const HttpRequest& request) {
      token_requests_.push_back(request);
      nlohmann::json claims = Claims(FormField(request.body, "code"));
      return HttpResponse{
          .status = 200,
          .content_type = "application/json",
          .body = nlohmann::json{{"access_token", "at"},
                                 {"token_type", "Bearer"},
                                 {"id_token", SignJws({}, claims, Rsa(), "RS256")}}
                      .dump()};
    };
  }

  RelyingPartyOptions Options() const {
    return {.issuer = provider_.issuer(),
            .client_id = "ror-client",
            .client_secret = "s3cr3t:with/special",
            .scopes = {"scope_all"},
            .acr_values = {"eidas1"},
            .national_id_claim = "SubjectNameID",
            .leeway = absl::Seconds(30),
            .http_timeout = absl::Seconds(2),
            .login_ttl = absl::Minutes(10),
            .max_pending_logins = 1000};
  }

  // The fake provider issues "code-<nonce>": the token endpoint finds the login's nonce in it.
  nlohmann::json Claims(const std::string& code) const {
    const int64_t now = absl::ToUnixSeconds(clock_.Now());
    return {{"iss", provider_.issuer()}, {"sub", "psc-sub-1"}, {"aud", "ror-client"},
            {"exp", now + 60},           {"iat", now},         {"nonce", code.substr(5)},
            {"acr", "eidas1"},           {"given_name", "Camille"}, {"family_name", "Durand"},
            {"SubjectNameID", "899700218896"}};
  }

  absl::StatusOr<std::unique_ptr<RelyingParty>> Discover(RelyingPartyOptions options) {
    return RelyingParty::Discover(std::move(options), clock_, provider_.Client());
  }

  FakeClock clock_;
  FakeProvider provider_;
  std::vector<HttpRequest> token_requests_;
};

TEST_F(RelyingPartyTest, DiscoversTheProviderAndFetchesItsKeys) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  EXPECT_EQ(rp->metadata().token_endpoint, provider_.token_endpoint());
  EXPECT_EQ(provider_.CountRequests(provider_.discovery_url()), 1);
  EXPECT_EQ(provider_.CountRequests(provider_.jwks_uri()), 1);
  EXPECT_EQ(provider_.requests().front().timeout, absl::Seconds(2));
}

TEST_F(RelyingPartyTest, RefusesAProviderClaimingAnotherIssuer) {
  provider_.discovery["issuer"] = "https://psc.example.test/realms/other";
  EXPECT_THAT(Discover(Options()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("\"issuer\" \"https://psc.example.test/realms/other\" is not the "
                                 "configured issuer")));
}

TEST_F(RelyingPartyTest, RefusesAProviderWithoutPkceS256) {
  provider_.discovery["code_challenge_methods_supported"] = {"plain"};
  EXPECT_THAT(Discover(Options()), StatusIs(absl::StatusCode::kFailedPrecondition,
                                            HasSubstr("code_challenge_methods_supported")));
}

TEST_F(RelyingPartyTest, RefusesCleartextEndpoints) {
  provider_.discovery["token_endpoint"] = "http://psc.example.test/token";
  EXPECT_THAT(Discover(Options()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("\"token_endpoint\" must be https")));
  RelyingPartyOptions options = Options();
  options.issuer = "http://psc.example.test";
  EXPECT_THAT(Discover(options), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("https")));
}

TEST_F(RelyingPartyTest, ReportsAnUnreachableProvider) {
  RelyingPartyOptions options = Options();
  options.issuer = "https://elsewhere.example.test";
  EXPECT_THAT(Discover(options), StatusIs(absl::StatusCode::kUnavailable, HasSubstr("HTTP 404")));
}

TEST_F(RelyingPartyTest, BeginBuildsAnAuthorizationRequestWithPkce) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  EXPECT_THAT(request.url, ::testing::StartsWith(provider_.authorization_endpoint() + "?"));
  EXPECT_EQ(QueryParam(request.url, "response_type"), "code");
  EXPECT_EQ(QueryParam(request.url, "client_id"), "ror-client");
  EXPECT_EQ(QueryParam(request.url, "redirect_uri"), kRedirectUri);
  EXPECT_EQ(QueryParam(request.url, "scope"), "openid scope_all");
  EXPECT_EQ(QueryParam(request.url, "state"), request.state);
  EXPECT_EQ(QueryParam(request.url, "code_challenge_method"), "S256");
  EXPECT_EQ(QueryParam(request.url, "acr_values"), "eidas1");
  EXPECT_EQ(QueryParam(request.url, "nonce").size(), 43u);
  EXPECT_EQ(QueryParam(request.url, "code_challenge").size(), 43u);
  EXPECT_EQ(request.expires_at, clock_.Now() + absl::Minutes(10));
  EXPECT_EQ(rp->pending_logins(), 1u);

  ASSERT_OK_AND_ASSIGN(AuthorizationRequest second, rp->Begin(kRedirectUri));
  EXPECT_NE(second.state, request.state);
  EXPECT_NE(QueryParam(second.url, "nonce"), QueryParam(request.url, "nonce"));
}

TEST_F(RelyingPartyTest, CompleteExchangesTheCodeAndReturnsTheIdentity) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  ASSERT_OK_AND_ASSIGN(Identity identity,
                       rp->Complete(request.state, "code-" + QueryParam(request.url, "nonce")));
  EXPECT_EQ(identity.subject, "psc-sub-1");
  EXPECT_EQ(identity.national_id, "899700218896");
  EXPECT_EQ(identity.acr, "eidas1");
  EXPECT_EQ(identity.given_name, "Camille");
  EXPECT_EQ(identity.family_name, "Durand");

  // The token request: client_secret_basic (id and secret form-encoded first), the code, the same
  // redirect URI, and the verifier whose S256 challenge went with the authorization request.
  ASSERT_EQ(token_requests_.size(), 1u);
  const HttpRequest& token = token_requests_.front();
  EXPECT_EQ(token.method, "POST");
  EXPECT_THAT(token.headers,
              Contains(Pair("Authorization", "Basic cm9yLWNsaWVudDpzM2NyM3QlM0F3aXRoJTJGc3BlY2lhbA==")));
  EXPECT_THAT(token.headers, Contains(Pair("Content-Type", "application/x-www-form-urlencoded")));
  EXPECT_EQ(FormField(token.body, "grant_type"), "authorization_code");
  EXPECT_EQ(FormField(token.body, "redirect_uri"), kRedirectUri);
  EXPECT_EQ(CodeChallengeS256(FormField(token.body, "code_verifier")),
            QueryParam(request.url, "code_challenge"));
  EXPECT_THAT(token.body, Not(HasSubstr("s3cr3t")));
  EXPECT_EQ(rp->pending_logins(), 0u);
}

TEST_F(RelyingPartyTest, RefusesAReplayedState) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  const std::string code = "code-" + QueryParam(request.url, "nonce");
  ASSERT_OK(rp->Complete(request.state, code));
  EXPECT_THAT(rp->Complete(request.state, code),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("`state` is unknown or already used")));
  EXPECT_EQ(token_requests_.size(), 1u) << "a replayed state must not reach the token endpoint";
}

TEST_F(RelyingPartyTest, AFailedCompletionStillUsesTheState) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  EXPECT_THAT(rp->Complete(request.state, "code-wrong-nonce"),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("claim `nonce`")));
  EXPECT_THAT(rp->Complete(request.state, "code-" + QueryParam(request.url, "nonce")),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("already used")));
}

TEST_F(RelyingPartyTest, RefusesAResponseFromAnotherIssuer) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  EXPECT_THAT(rp->Complete(request.state, "code-" + QueryParam(request.url, "nonce"),
                           "https://attacker.example.test"),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("`iss` \"https://attacker.example.test\" is not this provider's")));
  EXPECT_TRUE(token_requests_.empty());
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest again, rp->Begin(kRedirectUri));
  EXPECT_OK(rp->Complete(again.state, "code-" + QueryParam(again.url, "nonce"), provider_.issuer()));
}

TEST_F(RelyingPartyTest, RefusesAStateOlderThanTenMinutes) {
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  clock_.Advance(absl::Minutes(10) + absl::Seconds(1));
  EXPECT_THAT(rp->Complete(request.state, "code-" + QueryParam(request.url, "nonce")),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("`state` has expired")));
  EXPECT_TRUE(token_requests_.empty());
}

TEST_F(RelyingPartyTest, ReportsTheTokenEndpointsRefusalWithoutTheCode) {
  provider_.token_answer = [](const HttpRequest&) {
    return HttpResponse{.status = 400,
                        .content_type = "application/json",
                        .body = R"({"error":"invalid_grant","error_description":"code c-123 expired"})"};
  };
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  const absl::StatusOr<Identity> identity = rp->Complete(request.state, "c-123");
  EXPECT_THAT(identity, StatusIs(absl::StatusCode::kUnauthenticated,
                                 HasSubstr("HTTP 400, error \"invalid_grant\"")));
  EXPECT_THAT(std::string(identity.status().message()), Not(HasSubstr("c-123")));
}

TEST_F(RelyingPartyTest, RefusesATokenAnswerWithoutIdToken) {
  provider_.token_answer = [](const HttpRequest&) {
    return HttpResponse{.status = 200, .content_type = "application/json",
                        .body = R"({"access_token":"at","token_type":"Bearer"})"};
  };
  ASSERT_OK_AND_ASSIGN(auto rp, Discover(Options()));
  ASSERT_OK_AND_ASSIGN(AuthorizationRequest request, rp->Begin(kRedirectUri));
  EXPECT_THAT(rp->Complete(request.state, "code-x"),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("no `id_token`")));
}

TEST_F(RelyingPartyTest, RefusesMissingOptions) {
  RelyingPartyOptions options = Options();
  options.client_secret = "";
  EXPECT_THAT(Discover(options), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("client_secret")));
}

}  // namespace
}  // namespace ror::oidc
