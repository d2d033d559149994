#include "libs/oidc/id_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_cat.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/base64url.h"
#include "libs/jose/testing/test_key.h"
#include "libs/oidc/testing/fake_provider.h"

namespace ror::oidc {
namespace {

using ::ror::jose::Base64UrlEncode;
using ::ror::jose::testing::SignHs256Jws;
using ::ror::jose::testing::SignJws;
using ::ror::jose::testing::TestKey;
using ::ror::jose::testing::UnsignedJws;
using ::ror::oidc::testing::FakeProvider;
using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Optional;

constexpr char kClientId[] = "ror-client";
constexpr char kNonce[] = "nonce-of-this-login";

// Keys are generated once: RSA generation takes a while.
const TestKey& Rsa() {
  static const TestKey* key = new TestKey(TestKey::Rsa("rsa-1"));
  return *key;
}
const TestKey& Ec() {
  static const TestKey* key = new TestKey(TestKey::EcP256("ec-1"));
  return *key;
}
const TestKey& Rotated() {
  static const TestKey* key = new TestKey(TestKey::EcP256("ec-2"));
  return *key;
}

auto Refused(const std::string& what) {
  return StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr(what));
}

class IdTokenValidatorTest : public ::testing::Test {
 protected:
  IdTokenValidatorTest() {
    provider_.jwks = {{"keys", {Rsa().PublicJwk(), Ec().PublicJwk()}}};
  }

  // The claims of a valid PSC ID token for this login.
  nlohmann::json Claims() const {
    const int64_t now = absl::ToUnixSeconds(clock_.Now());
    return {{"iss", provider_.issuer()},
            {"sub", "f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:899700218896"},
            {"aud", kClientId},
            {"exp", now + 120},
            {"iat", now},
            {"nonce", kNonce},
            {"acr", "eidas1"},
            {"given_name", "Camille"},
            {"family_name", "Durand"},
            {"SubjectNameID", "899700218896"}};
  }

  absl::StatusOr<Identity> Validate(const std::string& token, const std::string& nonce = kNonce) {
    return validator_.Validate(token, nonce);
  }

  FakeClock clock_;
  FakeProvider provider_;
  std::unique_ptr<HttpClient> http_ = provider_.Client();
  JwksCache keys_{*http_, provider_.jwks_uri(), absl::Seconds(1)};
  IdTokenValidator validator_{IdTokenRules{.issuer = provider_.issuer(),
                                           .client_id = kClientId,
                                           .accepted_acr = {"eidas1"},
                                           .leeway = absl::Seconds(30),
                                           .national_id_claim = "SubjectNameID"},
                              keys_, clock_};
};

TEST_F(IdTokenValidatorTest, AcceptsAValidTokenAndReadsTheIdentity) {
  ASSERT_OK_AND_ASSIGN(Identity identity, Validate(SignJws({}, Claims(), Rsa(), "RS256")));
  EXPECT_EQ(identity.subject, "f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:899700218896");
  EXPECT_EQ(identity.given_name, "Camille");
  EXPECT_EQ(identity.family_name, "Durand");
  EXPECT_EQ(identity.acr, "eidas1");
  EXPECT_THAT(identity.national_id, Optional(std::string("899700218896")));
}

TEST_F(IdTokenValidatorTest, AcceptsEachAllowedAlgorithm) {
  EXPECT_OK(Validate(SignJws({}, Claims(), Rsa(), "RS256")));
  EXPECT_OK(Validate(SignJws({}, Claims(), Rsa(), "PS256")));
  EXPECT_OK(Validate(SignJws({}, Claims(), Ec(), "ES256")));
}

TEST_F(IdTokenValidatorTest, NationalIdIsOptional) {
  nlohmann::json claims = Claims();
  claims.erase("SubjectNameID");
  ASSERT_OK_AND_ASSIGN(Identity identity, Validate(SignJws({}, claims, Rsa(), "RS256")));
  EXPECT_EQ(identity.national_id, std::nullopt);
}

TEST_F(IdTokenValidatorTest, RefusesABadSignature) {
  // Signed by a key that is not the provider's, under the provider's key id.
  const TestKey impostor = TestKey::EcP256("ec-1");
  EXPECT_THAT(Validate(SignJws({}, Claims(), impostor, "ES256")),
              Refused("signature does not verify with the provider's key `kid` \"ec-1\""));
  // A valid token whose payload was changed afterwards.
  std::string token = SignJws({}, Claims(), Rsa(), "RS256");
  nlohmann::json changed = Claims();
  changed["sub"] = "someone-else";
  const std::string other = SignJws({}, changed, Rsa(), "RS256");
  const size_t dot1 = token.find('.'), dot2 = token.rfind('.');
  token = token.substr(0, dot1) + other.substr(other.find('.'), other.rfind('.') - other.find('.')) +
          token.substr(dot2);
  EXPECT_THAT(Validate(token), Refused("signature does not verify"));
}

TEST_F(IdTokenValidatorTest, RefusesAlgNone) {
  EXPECT_THAT(Validate(UnsignedJws({{"kid", "rsa-1"}}, Claims())),
              Refused("header `alg` is \"none\": unsigned tokens are refused"));
}

TEST_F(IdTokenValidatorTest, RefusesHs256SignedWithThePublicKeyAsSecret) {
  EXPECT_THAT(Validate(SignHs256Jws({{"kid", "rsa-1"}}, Claims(), Rsa().PublicPem())),
              Refused("header `alg` is \"HS256\": HMAC tokens are refused"));
  EXPECT_THAT(Validate(SignHs256Jws({{"kid", "rsa-1"}}, Claims(), Rsa().PublicJwk().dump())),
              Refused("HMAC tokens are refused"));
}

TEST_F(IdTokenValidatorTest, RefusesAlgorithmsOutsideTheAllowList) {
  nlohmann::json header = {{"alg", "RS512"}};
  EXPECT_THAT(Validate(SignJws(header, Claims(), Rsa(), "RS256")),
              Refused("header `alg` is \"RS512\": not accepted (accepted: RS256, PS256, ES256)"));
}

TEST_F(IdTokenValidatorTest, RefusesAnAlgTheNamedKeyDoesNotSupport) {
  // An RS256 signature presented as made by the EC key.
  EXPECT_THAT(Validate(SignJws({{"kid", "ec-1"}}, Claims(), Rsa(), "RS256")),
              Refused("header `alg` \"RS256\" is not one the provider's key `kid` \"ec-1\" supports"));
}

TEST_F(IdTokenValidatorTest, RefusesCriticalExtensions) {
  EXPECT_THAT(Validate(SignJws({{"crit", {"exp"}}}, Claims(), Rsa(), "RS256")),
              Refused("header `crit`"));
}

TEST_F(IdTokenValidatorTest, RefusesAnUnknownKidAfterFetchingTheJwksOnceMore) {
  const int before = keys_.fetches();
  EXPECT_THAT(Validate(SignJws({}, Claims(), Rotated(), "ES256")),
              Refused("no key of the provider's JWKS has `kid` \"ec-2\", even after fetching the "
                      "JWKS again"));
  // The first fetch (the cache was empty), then exactly one more.
  EXPECT_EQ(keys_.fetches() - before, 2);
  EXPECT_EQ(provider_.CountRequests(provider_.jwks_uri()), 2);
}

TEST_F(IdTokenValidatorTest, FindsARotatedKeyByFetchingTheJwksAgain) {
  ASSERT_OK(Validate(SignJws({}, Claims(), Rsa(), "RS256")));
  provider_.jwks = {{"keys", {Rotated().PublicJwk()}}};
  EXPECT_OK(Validate(SignJws({}, Claims(), Rotated(), "ES256")));
  EXPECT_EQ(provider_.CountRequests(provider_.jwks_uri()), 2);
  // Cached from then on.
  EXPECT_OK(Validate(SignJws({}, Claims(), Rotated(), "ES256")));
  EXPECT_EQ(provider_.CountRequests(provider_.jwks_uri()), 2);
}

TEST_F(IdTokenValidatorTest, WithoutKidUsesTheOnlyKeySupportingTheAlg) {
  auto without_kid = [&](const TestKey& key) {
    const std::string input = absl::StrCat(Base64UrlEncode(R"({"alg":"ES256"})"), ".",
                                           Base64UrlEncode(Claims().dump()));
    return absl::StrCat(input, ".", Base64UrlEncode(key.Sign("ES256", input)));
  };
  EXPECT_OK(Validate(without_kid(Ec())));
  provider_.jwks = {{"keys", {Ec().PublicJwk(), Rotated().PublicJwk()}}};
  ASSERT_OK(keys_.Refresh().status());
  EXPECT_THAT(Validate(without_kid(Ec())),
              Refused("header `kid` is missing and several of the provider's keys support"));
}

TEST_F(IdTokenValidatorTest, RefusesAnExpiredToken) {
  nlohmann::json claims = Claims();
  claims["exp"] = absl::ToUnixSeconds(clock_.Now()) - 31;
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `exp` 2026-09-21T14:12:49Z is past (now 2026-09-21T14:13:20Z, leeway "
                      "30s): the token has expired"));
  claims["exp"] = absl::ToUnixSeconds(clock_.Now()) - 29;  // within the leeway
  EXPECT_OK(Validate(SignJws({}, claims, Rsa(), "RS256")));
}

TEST_F(IdTokenValidatorTest, RefusesATokenIssuedInTheFuture) {
  nlohmann::json claims = Claims();
  claims["iat"] = absl::ToUnixSeconds(clock_.Now()) + 31;
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `iat` 2026-09-21T14:13:51Z is in the future"));
  claims["iat"] = absl::ToUnixSeconds(clock_.Now()) + 29;
  EXPECT_OK(Validate(SignJws({}, claims, Rsa(), "RS256")));
}

TEST_F(IdTokenValidatorTest, RefusesATokenNotValidYet) {
  nlohmann::json claims = Claims();
  claims["nbf"] = absl::ToUnixSeconds(clock_.Now()) + 60;
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")), Refused("claim `nbf`"));
}

TEST_F(IdTokenValidatorTest, RefusesMissingTimes) {
  for (const char* name : {"exp", "iat"}) {
    nlohmann::json claims = Claims();
    claims.erase(name);
    EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
                Refused(absl::StrCat("claim `", name, "` is missing")));
  }
}

TEST_F(IdTokenValidatorTest, RefusesAnotherIssuer) {
  nlohmann::json claims = Claims();
  claims["iss"] = provider_.issuer() + "/";
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `iss` \"" + provider_.issuer() + "/\" is not the provider's issuer"));
}

TEST_F(IdTokenValidatorTest, RefusesATokenForAnotherAudience) {
  nlohmann::json claims = Claims();
  claims["aud"] = "another-client";
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `aud` does not contain this client's id \"ror-client\""));
  claims["aud"] = {"another-client", kClientId};
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `azp` is missing: it is required when `aud` names several"));
  claims["azp"] = "another-client";
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `azp` \"another-client\" is not this client's id"));
  claims["azp"] = kClientId;
  EXPECT_OK(Validate(SignJws({}, claims, Rsa(), "RS256")));
}

TEST_F(IdTokenValidatorTest, RefusesAnotherLoginsNonce) {
  EXPECT_THAT(Validate(SignJws({}, Claims(), Rsa(), "RS256"), "nonce-of-another-login"),
              Refused("claim `nonce` is not the nonce of this login"));
  nlohmann::json claims = Claims();
  claims.erase("nonce");
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")), Refused("claim `nonce` is missing"));
}

TEST_F(IdTokenValidatorTest, RefusesAnAcrNotAccepted) {
  nlohmann::json claims = Claims();
  claims["acr"] = "eidas0";
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")),
              Refused("claim `acr` \"eidas0\" is not an accepted authentication level (eidas1)"));
  claims.erase("acr");
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")), Refused("claim `acr` is missing"));
}

TEST_F(IdTokenValidatorTest, RefusesAMissingSubject) {
  nlohmann::json claims = Claims();
  claims.erase("sub");
  EXPECT_THAT(Validate(SignJws({}, claims, Rsa(), "RS256")), Refused("claim `sub` is missing"));
}

TEST_F(IdTokenValidatorTest, RefusesWhatIsNotACompactJws) {
  EXPECT_THAT(Validate("not-a-token"), Refused("not a compact JWS"));
  EXPECT_THAT(Validate("e30.e30.e30.e30"), Refused("not a compact JWS"));
  EXPECT_THAT(Validate("W10.e30.AA"), Refused("header is not a JSON object"));
  EXPECT_THAT(Validate("e30.!!.AA"), Refused("payload is not base64url"));
}

TEST_F(IdTokenValidatorTest, MessagesNeverRepeatTheToken) {
  nlohmann::json claims = Claims();
  claims["aud"] = "another-client";
  const std::string token = SignJws({}, claims, Rsa(), "RS256");
  const absl::Status status = Validate(token).status();
  EXPECT_THAT(std::string(status.message()),
              AllOf(::testing::Not(HasSubstr(token.substr(0, 20))),
                    ::testing::Not(HasSubstr(token.substr(token.rfind('.') + 1, 20)))));
}

}  // namespace
}  // namespace ror::oidc
