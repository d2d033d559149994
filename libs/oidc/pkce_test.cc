#include "libs/oidc/pkce.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/base64url.h"

namespace ror::oidc {
namespace {

TEST(PkceTest, ChallengeMatchesRfc7636AppendixB) {
  // The appendix's 32 random octets, their base64url verifier, and its S256 challenge.
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                  125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                  191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  const std::string verifier = jose::Base64UrlEncode(
      absl::string_view(reinterpret_cast<const char*>(octets), sizeof octets));
  EXPECT_EQ(verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  EXPECT_EQ(CodeChallengeS256(verifier), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(PkceTest, RandomTokensAreLongEnoughVerifiersAndDiffer) {
  ASSERT_OK_AND_ASSIGN(std::string a, RandomToken());
  ASSERT_OK_AND_ASSIGN(std::string b, RandomToken());
  EXPECT_EQ(a.size(), 43u);  // RFC 7636 §4.1: 43 to 128 characters
  EXPECT_THAT(a, ::testing::MatchesRegex("[A-Za-z0-9_-]+"));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace ror::oidc
