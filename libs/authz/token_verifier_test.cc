#include "libs/authz/token_verifier.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_token.h"
#include "libs/authz/token_testing.h"
#include "libs/jose/testing/test_key.h"
#include "libs/common/clock.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/base64url.h"

namespace ror::authz {
namespace {

using ::ror::jose::Base64UrlDecode;
using ::ror::jose::Base64UrlEncode;
using ::testing::HasSubstr;
using testing::ForgeToken;
using testing::kAudience;
using testing::kIssuer;
using testing::RegulateurClaims;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

class TokenVerifierTest : public ::testing::Test {
 protected:
  TokenVerifierTest()
      : clock_(kNow),
        key_(*Es256Key::Generate("key-1")),
        verifier_(VerifierOptions{.issuer = kIssuer, .audience = kAudience}, clock_) {
    verifier_.SetKeys({*Es256Key::FromJwk(key_.PublicJwk())});
  }

  std::string Issue(const AccessTokenClaims& claims) { return *IssueAccessToken(claims, key_); }

  void ExpectRefused(const std::string& token, absl::string_view why) {
    absl::StatusOr<Principal> p = verifier_.Verify(token);
    ASSERT_FALSE(p.ok()) << "accepted a token that should be refused for: " << why;
    EXPECT_EQ(p.status().code(), absl::StatusCode::kUnauthenticated);
    EXPECT_THAT(p.status().message(), HasSubstr(why));
  }

  nlohmann::json Header() { return {{"alg", "ES256"}, {"typ", "at+jwt"}, {"kid", "key-1"}}; }
  nlohmann::json Payload() { return ClaimsToJson(RegulateurClaims(kNow)); }

  FakeClock clock_;
  Es256Key key_;
  TokenVerifier verifier_;
};

TEST_F(TokenVerifierTest, AValidTokenGivesItsPrincipal) {
  ASSERT_OK_AND_ASSIGN(Principal p, verifier_.Verify(Issue(RegulateurClaims(kNow))));
  EXPECT_EQ(p.kind, PrincipalKind::kUser);
  EXPECT_EQ(p.subject, "account-1");
  EXPECT_EQ(p.session_id, "session-1");
  EXPECT_EQ(p.display_name, "Camille Martin");
  EXPECT_EQ(p.access_profile, 1);
  ASSERT_EQ(p.grants.size(), 1u);
  EXPECT_EQ(p.grants[0].role, Role::kRegulateur);
  EXPECT_EQ(p.expires_at, kNow + absl::Minutes(5));
}

TEST_F(TokenVerifierTest, GrantsWithTheirScopesSurviveTheToken) {
  AccessTokenClaims claims = RegulateurClaims(kNow);
  claims.principal.grants = {
      Grant{.role = Role::kResponsableOffre,
            .region = "",
            .finess_ej = {"010000024"},
            .finess_eg = {"010000032"}},
      Grant{.role = Role::kReferentRor, .region = "84", .finess_ej = {}, .finess_eg = {}}};
  ASSERT_OK_AND_ASSIGN(Principal p, verifier_.Verify(Issue(claims)));
  ASSERT_EQ(p.grants.size(), 2u);
  EXPECT_EQ(p.grants[0].role, Role::kResponsableOffre);
  EXPECT_THAT(p.grants[0].finess_ej, ::testing::ElementsAre("010000024"));
  EXPECT_THAT(p.grants[0].finess_eg, ::testing::ElementsAre("010000032"));
  EXPECT_EQ(p.grants[1].role, Role::kReferentRor);
  EXPECT_EQ(p.grants[1].region, "84");
}

TEST_F(TokenVerifierTest, RefusesABadSignature) {
  std::string token = Issue(RegulateurClaims(kNow));
  // A character inside the signature changed (the last one may carry only padding bits): still
  // base64url, no longer the signature.
  char& c = token[token.size() - 10];
  c = c == 'A' ? 'B' : 'A';
  ExpectRefused(token, "signature invalide");
}

TEST_F(TokenVerifierTest, RefusesATokenSignedByAnotherKeyUnderAKnownKid) {
  Es256Key impostor = *Es256Key::Generate("key-1");
  ExpectRefused(ForgeToken(Header(), Payload(), &impostor), "signature invalide");
}

TEST_F(TokenVerifierTest, RefusesAlgNone) {
  ExpectRefused(jose::testing::UnsignedJws({{"kid", "key-1"}}, Payload()),
                "algorithme « none » refusé");
}

TEST_F(TokenVerifierTest, RefusesHs256EvenKeyedWithThePublicKey) {
  // The algorithm-confusion attack: an HMAC whose secret is the published key.
  ExpectRefused(jose::testing::SignHs256Jws({{"kid", "key-1"}}, Payload(), key_.PublicJwk().dump()),
                "algorithme « HS256 » refusé");
}

TEST_F(TokenVerifierTest, RefusesAnExpiredToken) {
  const std::string token = Issue(RegulateurClaims(kNow));
  ASSERT_OK(verifier_.Verify(token));  // cached from here on: expiry must still apply
  clock_.Advance(absl::Minutes(5) + absl::Seconds(31));
  ExpectRefused(token, "jeton expiré");
}

TEST_F(TokenVerifierTest, AcceptsAnExpiryWithinTheLeeway) {
  const std::string token = Issue(RegulateurClaims(kNow));
  clock_.Advance(absl::Minutes(5) + absl::Seconds(29));
  EXPECT_OK(verifier_.Verify(token));
}

TEST_F(TokenVerifierTest, RefusesATokenNotYetValid) {
  AccessTokenClaims claims = RegulateurClaims(kNow);
  claims.not_before = kNow + absl::Minutes(2);
  ExpectRefused(Issue(claims), "pas encore valide");
}

TEST_F(TokenVerifierTest, RefusesAWrongAudience) {
  AccessTokenClaims claims = RegulateurClaims(kNow);
  claims.audience = "another-api";
  ExpectRefused(Issue(claims), "audience « another-api » inattendue");
}

TEST_F(TokenVerifierTest, RefusesAWrongIssuer) {
  AccessTokenClaims claims = RegulateurClaims(kNow);
  claims.issuer = "https://evil.example";
  ExpectRefused(Issue(claims), "émetteur « https://evil.example » inattendu");
}

TEST_F(TokenVerifierTest, RefusesARevokedSession) {
  const std::string token = Issue(RegulateurClaims(kNow));
  ASSERT_OK(verifier_.Verify(token));  // cached from here on: revocation must still apply
  verifier_.RevokeSessions({{"session-1", kNow + absl::Hours(1)}});
  ExpectRefused(token, "session révoquée");
}

TEST_F(TokenVerifierTest, RefusesAnUnknownKeyId) {
  Es256Key other = *Es256Key::Generate("key-2");
  ExpectRefused(ForgeToken({{"alg", "ES256"}, {"kid", "key-2"}}, Payload(), &other),
                "clé « key-2 » inconnue");
}

TEST_F(TokenVerifierTest, RefusesATokenOnceItsKeyIsWithdrawn) {
  const std::string token = Issue(RegulateurClaims(kNow));
  ASSERT_OK(verifier_.Verify(token));
  verifier_.SetKeys({});
  ExpectRefused(token, "clé « key-1 » inconnue");
}

TEST_F(TokenVerifierTest, AcceptsTokensOfEveryPublishedKeyAcrossARotation) {
  Es256Key next = *Es256Key::Generate("key-2");
  verifier_.SetKeys({*Es256Key::FromJwk(key_.PublicJwk()), *Es256Key::FromJwk(next.PublicJwk())});
  EXPECT_OK(verifier_.Verify(Issue(RegulateurClaims(kNow))));
  EXPECT_OK(verifier_.Verify(*IssueAccessToken(RegulateurClaims(kNow), next)));
}

TEST_F(TokenVerifierTest, RefusesMalformedTokens) {
  ExpectRefused("", "trois parties");
  ExpectRefused("a.b", "trois parties");
  ExpectRefused("a.b.c.d", "trois parties");
  ExpectRefused("e30=.e30.", "base64url");  // padding is not base64url
  ExpectRefused("bm90IGpzb24.e30.", "objet JSON");
  ExpectRefused(std::string(9000, 'a'), "trop long");
}

TEST_F(TokenVerifierTest, RefusesAnUnknownCriticalHeader) {
  nlohmann::json header = Header();
  header["crit"] = {"exp"};
  ExpectRefused(ForgeToken(header, Payload(), &key_), "crit");
}

TEST_F(TokenVerifierTest, RefusesClaimsOfTheWrongShape) {
  nlohmann::json payload = Payload();
  payload["ror_profile"] = 9;
  ExpectRefused(ForgeToken(Header(), payload, &key_), "ror_profile");
  payload["ror_profile"] = int64_t{1} << 32 | 1;  // would wrap to 1 as a 32-bit int
  ExpectRefused(ForgeToken(Header(), payload, &key_), "ror_profile");
  payload = Payload();
  payload.erase("exp");
  ExpectRefused(ForgeToken(Header(), payload, &key_), "exp");
  payload = Payload();
  payload["ror_grants"] = {{{"role", "pape"}}};
  ExpectRefused(ForgeToken(Header(), payload, &key_), "ror_grants.role : rôle inconnu");
}

TEST(Es256KeyTest, PrivatePemRoundTripsAndSignsForItsJwk) {
  Es256Key key = *Es256Key::Generate("k");
  ASSERT_OK_AND_ASSIGN(std::string pem, key.PrivatePem());
  ASSERT_OK_AND_ASSIGN(Es256Key reloaded, Es256Key::FromPrivatePem("k", pem));
  ASSERT_OK_AND_ASSIGN(std::string sig, reloaded.Sign("payload"));
  EXPECT_EQ(sig.size(), 64u);
  ASSERT_OK_AND_ASSIGN(Es256Key pub, Es256Key::FromJwk(key.PublicJwk()));
  EXPECT_FALSE(pub.has_private());
  EXPECT_TRUE(pub.Verify("payload", sig));
  EXPECT_FALSE(pub.Verify("payloaD", sig));
}

TEST(Es256KeyTest, RefusesAJwkOffTheCurve) {
  nlohmann::json jwk = Es256Key::Generate("k")->PublicJwk();
  std::string y = *Base64UrlDecode(jwk["y"].get<std::string>());
  y[31] ^= 1;
  jwk["y"] = Base64UrlEncode(y);
  EXPECT_FALSE(Es256Key::FromJwk(jwk).ok());
  jwk["crv"] = "P-384";
  EXPECT_FALSE(Es256Key::FromJwk(jwk).ok());
}

}  // namespace
}  // namespace ror::authz
