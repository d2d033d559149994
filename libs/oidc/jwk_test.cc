#include "libs/oidc/jwk.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/oidc/base64url.h"
#include "libs/oidc/testing/test_key.h"

namespace ror::oidc {
namespace {

using ::ror::oidc::testing::TestKey;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

const TestKey& Rsa() {
  static const TestKey* key = new TestKey(TestKey::Rsa("rsa-1"));
  return *key;
}
const TestKey& Ec() {
  static const TestKey* key = new TestKey(TestKey::EcP256("ec-1"));
  return *key;
}

TEST(JwkTest, RsaKeyVerifiesRs256AndPs256) {
  ASSERT_OK_AND_ASSIGN(VerificationKey key, VerificationKey::FromJwk(Rsa().PublicJwk()));
  EXPECT_EQ(key.kid(), "rsa-1");
  for (const char* alg : {"RS256", "PS256"}) {
    EXPECT_TRUE(key.Supports(alg));
    EXPECT_TRUE(key.Verify(alg, "input", Rsa().Sign(alg, "input"))) << alg;
    EXPECT_FALSE(key.Verify(alg, "inpuT", Rsa().Sign(alg, "input"))) << alg;
  }
  EXPECT_FALSE(key.Supports("ES256"));
  // PKCS#1 v1.5 and PSS signatures are not interchangeable.
  EXPECT_FALSE(key.Verify("RS256", "input", Rsa().Sign("PS256", "input")));
}

TEST(JwkTest, EcKeyVerifiesEs256) {
  ASSERT_OK_AND_ASSIGN(VerificationKey key, VerificationKey::FromJwk(Ec().PublicJwk()));
  EXPECT_TRUE(key.Supports("ES256"));
  EXPECT_FALSE(key.Supports("RS256"));
  const std::string sig = Ec().Sign("ES256", "input");
  EXPECT_TRUE(key.Verify("ES256", "input", sig));
  EXPECT_FALSE(key.Verify("ES256", "other", sig));
  EXPECT_FALSE(key.Verify("ES256", "input", sig.substr(1)));  // not 64 bytes
}

TEST(JwkTest, AKeyNamingItsAlgServesOnlyIt) {
  ASSERT_OK_AND_ASSIGN(VerificationKey key, VerificationKey::FromJwk(Rsa().PublicJwk("RS256")));
  EXPECT_TRUE(key.Supports("RS256"));
  EXPECT_FALSE(key.Supports("PS256"));
}

TEST(JwkTest, NeverSupportsNoneOrHmac) {
  ASSERT_OK_AND_ASSIGN(VerificationKey key, VerificationKey::FromJwk(Rsa().PublicJwk("HS256")));
  EXPECT_FALSE(key.Supports("HS256"));
  EXPECT_FALSE(key.Supports("none"));
}

TEST(JwkTest, RefusesShortRsaKeys) {
  // 1024-bit modulus: take the real one's first half (any odd number will do for the check).
  nlohmann::json jwk = Rsa().PublicJwk();
  const std::string n = *Base64UrlDecode(jwk["n"].get<std::string>());
  jwk["n"] = Base64UrlEncode(n.substr(0, 128));
  EXPECT_THAT(VerificationKey::FromJwk(jwk),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2048")));
}

TEST(JwkTest, RefusesAPointOffTheCurve) {
  nlohmann::json jwk = Ec().PublicJwk();
  std::string y = *Base64UrlDecode(jwk["y"].get<std::string>());
  y[31] ^= 1;
  jwk["y"] = Base64UrlEncode(y);
  EXPECT_THAT(VerificationKey::FromJwk(jwk), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JwkTest, RefusesMalformedMembers) {
  EXPECT_THAT(VerificationKey::FromJwk({{"kty", "RSA"}, {"e", "AQAB"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"n\"")));
  EXPECT_THAT(VerificationKey::FromJwk({{"kty", "EC"}, {"crv", "P-384"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("P-256")));
  EXPECT_THAT(VerificationKey::FromJwk({{"kty", "oct"}, {"k", "c2VjcmV0"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("kty")));
}

TEST(JwkTest, JwksKeepsSigningKeysOnly) {
  nlohmann::json enc = Rsa().PublicJwk();
  enc["use"] = "enc";
  enc["kid"] = "rsa-enc";
  const nlohmann::json jwks = {
      {"keys",
       {Rsa().PublicJwk(), Ec().PublicJwk(), enc, {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "AA"}}}}};
  ASSERT_OK_AND_ASSIGN(std::vector<VerificationKey> keys, ParseJwks(jwks));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].kid(), "rsa-1");
  EXPECT_EQ(keys[1].kid(), "ec-1");
  EXPECT_THAT(ParseJwks({{"no", "keys"}}), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace ror::oidc
