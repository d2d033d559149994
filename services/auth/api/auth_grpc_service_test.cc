#include "services/auth/api/auth_grpc_service.h"

#include <memory>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "libs/authz/authz_interceptor.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/server/grpc_status.h"
#include "libs/server/server.h"
#include "nlohmann/json.hpp"
#include "services/auth/app/auth_app_testing.h"

namespace ror::auth::api {
namespace {

using app::testing::kPassword;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

constexpr char kAdminEmail[] = "admin@ror.example.fr";

// The service on a real gRPC server (port 0) with the authz interceptor, its verifier fed
// in-process as in main.cc.
class AuthGrpcTest : public app::testing::AuthAppTest {
 protected:
  void SetUp() override {
    AuthAppTest::SetUp();
    ASSERT_NE(app_, nullptr);
    verifier_ = std::make_unique<authz::TokenVerifier>(
        authz::VerifierOptions{.issuer = app_->options().issuer, .audience = "ror"}, clock_);
    interceptor_ = std::make_unique<authz::AuthzInterceptorFactory>(*verifier_, registry_, nullptr);
    service_ = std::make_unique<AuthGrpcService>(*app_, registry_);
    self_ = std::make_unique<authz::VerificationKeysPoller>(InProcessVerificationKeys(*service_),
                                                            *verifier_, absl::Hours(1));
    ASSERT_OK(self_->PollOnce(absl::Seconds(5)));
    server::ServerOptions options;
    options.name = "auth";
    options.host = "127.0.0.1";
    options.health_services = {v1::AuthService::service_full_name()};
    options.interceptors = {interceptor_.get()};
    absl::StatusOr<std::unique_ptr<server::Server>> started =
        server::Server::Start(options, {service_.get()}, store_, {}, metrics_);
    ASSERT_OK(started);
    server_ = *std::move(started);
    stub_ = v1::AuthService::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", server_->port()), grpc::InsecureChannelCredentials()));

    ASSERT_OK(app_->accounts().EnsureBootstrapAdministrateur(kAdminEmail));
    v1::ResetPasswordRequest reset;
    reset.set_reset_token(mailer_.LastToken(kAdminEmail));
    reset.set_new_password(kPassword);
    v1::ResetPasswordResponse ignored;
    ASSERT_OK(Call(&v1::AuthService::Stub::ResetPassword, reset, &ignored));
    admin_token_ = LoginOk(kAdminEmail).access_token();
  }

  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (v1::AuthService::Stub::*method)(grpc::ClientContext*,
                                                                  const Request&, Response*),
                    const Request& request, Response* response, const std::string& token = "") {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    return server::FromGrpcStatus((stub_.get()->*method)(&context, request, response));
  }

  v1::TokenPair LoginOk(const std::string& email) {
    v1::LoginRequest login;
    login.set_email(email);
    login.set_password(kPassword);
    v1::TokenPair tokens;
    EXPECT_OK(Call(&v1::AuthService::Stub::Login, login, &tokens));
    return tokens;
  }

  authz::CallRegistry registry_;
  std::unique_ptr<authz::TokenVerifier> verifier_;
  std::unique_ptr<authz::AuthzInterceptorFactory> interceptor_;
  std::unique_ptr<AuthGrpcService> service_;
  std::unique_ptr<authz::VerificationKeysPoller> self_;
  server::Metrics metrics_;
  std::unique_ptr<server::Server> server_;
  std::unique_ptr<v1::AuthService::Stub> stub_;
  std::string admin_token_;
};

TEST_F(AuthGrpcTest, ALoginAnswersABearerTokenPair) {
  const v1::TokenPair tokens = LoginOk(kAdminEmail);
  EXPECT_EQ(tokens.token_type(), "Bearer");
  EXPECT_EQ(tokens.expires_in_seconds(), 300);
  EXPECT_FALSE(tokens.refresh_token().empty());

  v1::RefreshRequest refresh;
  refresh.set_refresh_token(tokens.refresh_token());
  v1::TokenPair next;
  ASSERT_OK(Call(&v1::AuthService::Stub::Refresh, refresh, &next));
  EXPECT_NE(next.refresh_token(), tokens.refresh_token());
  v1::LogoutRequest logout;
  logout.set_refresh_token(next.refresh_token());
  v1::LogoutResponse done;
  ASSERT_OK(Call(&v1::AuthService::Stub::Logout, logout, &done));
}

TEST_F(AuthGrpcTest, WrongCredentialsAreOneAnswer) {
  v1::LoginRequest login;
  login.set_email(kAdminEmail);
  login.set_password("Mauvais-Mot-2026");
  v1::TokenPair tokens;
  const absl::Status wrong = Call(&v1::AuthService::Stub::Login, login, &tokens);
  login.set_email("personne@example.fr");
  const absl::Status unknown = Call(&v1::AuthService::Stub::Login, login, &tokens);
  EXPECT_EQ(wrong.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.message(), unknown.message());
  v1::RequestPasswordResetRequest reset;
  reset.set_email("personne@example.fr");
  v1::RequestPasswordResetResponse ok;
  EXPECT_OK(Call(&v1::AuthService::Stub::RequestPasswordReset, reset, &ok));
  EXPECT_TRUE(mailer_.LastToken("personne@example.fr").empty()) << "no mail to an unknown address";
}

TEST_F(AuthGrpcTest, AdminRpcsNeedAnAdministrateur) {
  v1::CreateAccountRequest create;
  create.set_email("marie.durand@ch-fleyriat.fr");
  create.set_prenom("Marie");
  create.set_nom("Durand");
  v1::Grant* grant = create.add_grants();
  grant->set_role(v1::Grant::ROLE_RESPONSABLE_OFFRE);
  grant->add_finess_eg("010000024");
  v1::Account account;
  EXPECT_EQ(Call(&v1::AuthService::Stub::CreateAccount, create, &account).code(),
            absl::StatusCode::kUnauthenticated);
  ASSERT_OK(Call(&v1::AuthService::Stub::CreateAccount, create, &account, admin_token_));
  EXPECT_FALSE(account.has_password());
  ASSERT_THAT(account.grants(), SizeIs(1));
  EXPECT_EQ(account.grants(0).role(), v1::Grant::ROLE_RESPONSABLE_OFFRE);

  // The new user activates the account, logs in, and may not administer.
  v1::RequestPasswordResetRequest forgot;
  forgot.set_email("marie.durand@ch-fleyriat.fr");
  v1::RequestPasswordResetResponse sent;
  ASSERT_OK(Call(&v1::AuthService::Stub::RequestPasswordReset, forgot, &sent));
  v1::ResetPasswordRequest reset;
  reset.set_reset_token(mailer_.LastToken("marie.durand@ch-fleyriat.fr"));
  reset.set_new_password(kPassword);
  v1::ResetPasswordResponse done;
  ASSERT_OK(Call(&v1::AuthService::Stub::ResetPassword, reset, &done));
  const std::string user_token = LoginOk("marie.durand@ch-fleyriat.fr").access_token();
  v1::RotateKeysResponse rotated;
  EXPECT_EQ(Call(&v1::AuthService::Stub::RotateKeys, v1::RotateKeysRequest(), &rotated, user_token)
                .code(),
            absl::StatusCode::kPermissionDenied);

  // Disabled: the session's token is refused once the verifier has caught up.
  v1::DisableAccountRequest disable;
  disable.set_account_id(account.account_id());
  disable.set_motif("départ");
  ASSERT_OK(Call(&v1::AuthService::Stub::DisableAccount, disable, &account, admin_token_));
  EXPECT_TRUE(account.disabled());
  ASSERT_OK(self_->PollOnce(absl::Seconds(5)));
  EXPECT_EQ(Call(&v1::AuthService::Stub::RotateKeys, v1::RotateKeysRequest(), &rotated, user_token)
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AuthGrpcTest, BadInputNamesTheFieldAndTheRule) {
  v1::CreateAccountRequest create;
  create.set_email("pas-une-adresse");
  create.set_prenom("Marie");
  create.set_nom("Durand");
  create.add_grants()->set_role(v1::Grant::ROLE_REFERENT_ROR);
  v1::Account account;
  const absl::Status status =
      Call(&v1::AuthService::Stub::CreateAccount, create, &account, admin_token_);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) fields.push_back(v.field() + ":" + v.rule());
  }
  EXPECT_THAT(fields, ElementsAre("email:format", "grants[0].region:required"));
}

TEST_F(AuthGrpcTest, AnAccountRequestIsDecidedByAnAdministrateur) {
  v1::RequestAccountRequest request;
  request.set_email("paul.martin@ch-fleyriat.fr");
  request.set_prenom("Paul");
  request.set_nom("Martin");
  request.set_finess_etablissement("010000024");
  request.set_motif("cadre de santé");
  v1::RequestAccountResponse submitted;
  ASSERT_OK(Call(&v1::AuthService::Stub::RequestAccount, request, &submitted));
  v1::ListAccountRequestsResponse pending;
  ASSERT_OK(Call(&v1::AuthService::Stub::ListAccountRequests, v1::ListAccountRequestsRequest(),
                 &pending, admin_token_));
  ASSERT_THAT(pending.requests(), SizeIs(1));
  EXPECT_EQ(pending.requests(0).status(), v1::AccountRequest::STATUS_SUBMITTED);
  v1::DecideAccountRequestRequest decide;
  decide.set_account_request_id(submitted.account_request_id());
  decide.set_decision(v1::DecideAccountRequestRequest::DECISION_APPROVE);
  v1::AccountRequest decided;
  ASSERT_OK(Call(&v1::AuthService::Stub::DecideAccountRequest, decide, &decided, admin_token_));
  EXPECT_EQ(decided.status(), v1::AccountRequest::STATUS_APPROVED);
  EXPECT_FALSE(mailer_.LastToken("paul.martin@ch-fleyriat.fr").empty());
}

TEST_F(AuthGrpcTest, ApiClientsGetTokensWithTheirProfile) {
  v1::CreateApiClientRequest create;
  create.set_name("ViaTrajectoire");
  create.set_access_profile(3);
  v1::CreateApiClientResponse client;
  ASSERT_OK(Call(&v1::AuthService::Stub::CreateApiClient, create, &client, admin_token_));
  v1::TokenForClientRequest token;
  token.set_grant_type("client_credentials");
  token.set_client_id(client.client_id());
  token.set_client_secret(client.client_secret());
  v1::TokenPair tokens;
  ASSERT_OK(Call(&v1::AuthService::Stub::TokenForClient, token, &tokens));
  ASSERT_OK_AND_ASSIGN(authz::Principal principal, verifier_->Verify(tokens.access_token()));
  EXPECT_EQ(principal.access_profile, 3);
  token.set_grant_type("password");
  EXPECT_EQ(Call(&v1::AuthService::Stub::TokenForClient, token, &tokens).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AuthGrpcTest, KeysAndDiscoveryArePublic) {
  v1::VerificationKeys keys;
  ASSERT_OK(
      Call(&v1::AuthService::Stub::GetVerificationKeys, v1::GetVerificationKeysRequest(), &keys));
  EXPECT_EQ(keys.issuer(), "http://127.0.0.1:8080");
  EXPECT_THAT(nlohmann::json::parse(keys.jwks_json())["keys"], SizeIs(1));
  v1::RotateKeysResponse rotated;
  ASSERT_OK(
      Call(&v1::AuthService::Stub::RotateKeys, v1::RotateKeysRequest(), &rotated, admin_token_));
  ASSERT_OK(
      Call(&v1::AuthService::Stub::GetVerificationKeys, v1::GetVerificationKeysRequest(), &keys));
  EXPECT_THAT(nlohmann::json::parse(keys.jwks_json())["keys"], SizeIs(2));
  EXPECT_THAT(keys.jwks_json(), HasSubstr(rotated.kid()));

  v1::OpenIdConfiguration discovery;
  ASSERT_OK(Call(&v1::AuthService::Stub::GetOpenIdConfiguration,
                 v1::GetOpenIdConfigurationRequest(), &discovery));
  const nlohmann::json doc = nlohmann::json::parse(discovery.json());
  EXPECT_EQ(doc["jwks_uri"], "http://127.0.0.1:8080/.well-known/jwks.json");
  EXPECT_EQ(doc["id_token_signing_alg_values_supported"], nlohmann::json::array({"ES256"}));
}

TEST_F(AuthGrpcTest, ProSanteConnectNeedsItsConfiguration) {
  v1::BeginPscLoginResponse begin;
  EXPECT_EQ(Call(&v1::AuthService::Stub::BeginPscLogin, v1::BeginPscLoginRequest(), &begin).code(),
            absl::StatusCode::kFailedPrecondition);
  // Configured (its provider unreachable here): linking still needs a logged-in person.
  app_->EnablePsc(app::PscOptions{.redirect_uri = "https://ror.example.test/psc"},
                  []() -> absl::StatusOr<std::unique_ptr<oidc::RelyingParty>> {
                    return absl::UnavailableError("down");
                  });
  EXPECT_EQ(Call(&v1::AuthService::Stub::BeginPscLogin, v1::BeginPscLoginRequest(), &begin).code(),
            absl::StatusCode::kUnavailable);
  v1::LinkPscRequest link;
  link.set_link_token("x");
  v1::Account account;
  EXPECT_EQ(Call(&v1::AuthService::Stub::LinkPsc, link, &account).code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Call(&v1::AuthService::Stub::LinkPsc, link, &account, admin_token_).code(),
            absl::StatusCode::kUnauthenticated);  // an unknown link token
}

}  // namespace
}  // namespace ror::auth::api
