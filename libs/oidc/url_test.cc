#include "libs/oidc/url.h"

#include "gtest/gtest.h"

namespace ror::oidc {
namespace {

TEST(UrlTest, FormEncodesEverythingButUnreservedCharacters) {
  EXPECT_EQ(FormEncode({{"scope", "openid scope_all"}, {"redirect_uri", "https://a.b/c?d=e&f"}}),
            "scope=openid%20scope_all&redirect_uri=https%3A%2F%2Fa.b%2Fc%3Fd%3De%26f");
}

TEST(UrlTest, AppendsToAnExistingQuery) {
  EXPECT_EQ(WithQuery("https://p/auth", {{"a", "1"}}), "https://p/auth?a=1");
  EXPECT_EQ(WithQuery("https://p/auth?realm=x", {{"a", "1"}}), "https://p/auth?realm=x&a=1");
}

TEST(UrlTest, SecureMeansHttpsOrHttpOnLoopback) {
  EXPECT_TRUE(IsSecureUrl("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet"));
  EXPECT_TRUE(IsSecureUrl("http://127.0.0.1:4000"));
  EXPECT_TRUE(IsSecureUrl("http://localhost/x"));
  EXPECT_TRUE(IsSecureUrl("http://[::1]:80"));
  EXPECT_FALSE(IsSecureUrl("http://psc.example"));
  EXPECT_FALSE(IsSecureUrl("http://127.0.0.1.evil.example/"));
  EXPECT_FALSE(IsSecureUrl("http://127.0.0.1@evil.example/"));
  EXPECT_FALSE(IsSecureUrl("ftp://127.0.0.1/"));
  EXPECT_FALSE(IsSecureUrl("https://"));
}

}  // namespace
}  // namespace ror::oidc
