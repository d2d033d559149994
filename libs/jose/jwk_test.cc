#include "libs/jose/jwk.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/base64url.h"
#include "libs/jose/testing/test_key.h"

namespace ror::jose {
namespace {

using ::ror::jose::testing::TestKey;
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
  ASSERT_OK_AND_ASSIGN(PublicKey key, PublicKey::FromJwk(Rsa().PublicJwk()));
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
  ASSERT_OK_AND_ASSIGN(PublicKey key, PublicKey::FromJwk(Ec().PublicJwk()));
  EXPECT_TRUE(key.Supports("ES256"));
  EXPECT_FALSE(key.Supports("RS256"));
  const std::string sig = Ec().Sign("ES256", "input");
  EXPECT_TRUE(key.Verify("ES256", "input", sig));
  EXPECT_FALSE(key.Verify("ES256", "other", sig));
  EXPECT_FALSE(key.Verify("ES256", "input", sig.substr(1)));  // not 64 bytes
}

TEST(JwkTest, AKeyNamingItsAlgServesOnlyIt) {
  ASSERT_OK_AND_ASSIGN(PublicKey key, PublicKey::FromJwk(Rsa().PublicJwk("RS256")));
  EXPECT_TRUE(key.Supports("RS256"));
  EXPECT_FALSE(key.Supports("PS256"));
}

TEST(JwkTest, NeverSupportsNoneOrHmac) {
  ASSERT_OK_AND_ASSIGN(PublicKey key, PublicKey::FromJwk(Rsa().PublicJwk("HS256")));
  EXPECT_FALSE(key.Supports("HS256"));
  EXPECT_FALSE(key.Supports("none"));
}

TEST(JwkTest, RefusesShortRsaKeys) {
  // 1024-bit modulus: take the real one's first half (any odd number will do for the check).
  nlohmann::json jwk = Rsa().PublicJwk();
  const std::string n = *Base64UrlDecode(jwk["n"].get<std::string>());
  jwk["n"] = Base64UrlEncode(n.substr(0, 128));
  EXPECT_THAT(PublicKey::FromJwk(jwk),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2048")));
}

TEST(JwkTest, RefusesAPointOffTheCurve) {
  nlohmann::json jwk = Ec().PublicJwk();
  std::string y = *Base64UrlDecode(jwk["y"].get<std::string>());
  y[31] ^= 1;
  jwk["y"] = Base64UrlEncode(y);
  EXPECT_THAT(PublicKey::FromJwk(jwk), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JwkTest, RefusesMalformedMembers) {
  EXPECT_THAT(PublicKey::FromJwk({{"kty", "RSA"}, {"e", "AQAB"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("\"n\"")));
  EXPECT_THAT(PublicKey::FromJwk({{"kty", "EC"}, {"crv", "P-384"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("P-256")));
  EXPECT_THAT(PublicKey::FromJwk({{"kty", "oct"}, {"k", "c2VjcmV0"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("kty")));
}

TEST(JwkTest, JwksKeepsSigningKeysOnly) {
  nlohmann::json enc = Rsa().PublicJwk();
  enc["use"] = "enc";
  enc["kid"] = "rsa-enc";
  const nlohmann::json jwks = {{"keys",
                                {Rsa().PublicJwk(),
                                 Ec().PublicJwk(),
                                 enc,
                                 {{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", "AA"}}}}};
  ASSERT_OK_AND_ASSIGN(std::vector<PublicKey> keys, ParseJwks(jwks));
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].kid(), "rsa-1");
  EXPECT_EQ(keys[1].kid(), "ec-1");
  EXPECT_THAT(ParseJwks({{"no", "keys"}}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JwkTest, RefusesAKeyForEncryption) {
  nlohmann::json jwk = Ec().PublicJwk();
  jwk["use"] = "enc";
  EXPECT_THAT(PublicKey::FromJwk(jwk),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("use")));
}

TEST(JwkTest, SupportsOnlyTheSignatureAlgorithmsItVerifies) {
  EXPECT_TRUE(IsSupportedAlg("RS256"));
  EXPECT_TRUE(IsSupportedAlg("PS256"));
  EXPECT_TRUE(IsSupportedAlg("ES256"));
  EXPECT_FALSE(IsSupportedAlg("none"));
  EXPECT_FALSE(IsSupportedAlg("HS256"));
  EXPECT_FALSE(IsSupportedAlg("es256"));
}

TEST(JwkTest, AnOpenSslKeyIsHeldByTheSameRules) {
  std::shared_ptr<EVP_PKEY> p256(EVP_EC_gen("P-256"), EVP_PKEY_free);
  ASSERT_OK_AND_ASSIGN(PublicKey key, PublicKey::FromOpenSsl("ec-own", p256));
  EXPECT_EQ(key.kid(), "ec-own");
  EXPECT_TRUE(key.Supports("ES256"));
  EXPECT_EQ(key.openssl_key(), p256);

  std::shared_ptr<EVP_PKEY> p384(EVP_EC_gen("P-384"), EVP_PKEY_free);
  EXPECT_THAT(PublicKey::FromOpenSsl("ec-384", p384),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("P-256")));
  std::shared_ptr<EVP_PKEY> rsa1024(EVP_RSA_gen(1024), EVP_PKEY_free);
  EXPECT_THAT(PublicKey::FromOpenSsl("rsa-1024", rsa1024),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2048")));
  EXPECT_THAT(PublicKey::FromOpenSsl("none", nullptr),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace ror::jose
