#include "services/auth/app/api_client_handler.h"

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

class ApiClientHandlerTest : public testing::AuthAppTest {};

TEST_F(ApiClientHandlerTest, AClientGetsATokenWithItsProfile) {
  ASSERT_OK_AND_ASSIGN(NewApiClient client,
                       app_->clients().Create("ViaTrajectoire", 2, AdminContext()));
  EXPECT_EQ(client.client_secret.size(), 43u);  // 32 bytes, base64url
  ASSERT_OK_AND_ASSIGN(Tokens tokens,
                       app_->clients().Token(client.client_id, client.client_secret));
  EXPECT_TRUE(tokens.refresh_token.empty());
  authz::TokenVerifier verifier(
      authz::VerifierOptions{.issuer = app_->options().issuer, .audience = "ror"}, clock_);
  std::vector<authz::Es256Key> keys;
  const nlohmann::json jwks = nlohmann::json::parse(app_->keys().JwksJson());
  for (const auto& jwk : jwks["keys"]) {
    keys.push_back(*authz::Es256Key::FromJwk(jwk));
  }
  verifier.SetKeys(std::move(keys));
  ASSERT_OK_AND_ASSIGN(authz::Principal principal, verifier.Verify(tokens.access_token));
  EXPECT_EQ(principal.kind, authz::PrincipalKind::kApiClient);
  EXPECT_EQ(principal.access_profile, 2);
  EXPECT_EQ(principal.subject, client.client_id);
}

TEST_F(ApiClientHandlerTest, AWrongSecretOrIdIsOneAnswer) {
  ASSERT_OK_AND_ASSIGN(NewApiClient client, app_->clients().Create("SAMU 01", 1, AdminContext()));
  const absl::Status wrong_secret = app_->clients().Token(client.client_id, "x").status();
  const absl::Status wrong_id =
      app_->clients().Token("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", client.client_secret).status();
  EXPECT_THAT(wrong_secret, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_EQ(wrong_secret, wrong_id);
}

TEST_F(ApiClientHandlerTest, AProfileOutOfRangeIsRefused) {
  EXPECT_THAT(app_->clients().Create("x", 6, AdminContext()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace ror::auth::app
