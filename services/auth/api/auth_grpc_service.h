#pragma once

#include "libs/authz/verification_keys.h"
#include "libs/authz/call_registry.h"
#include "ror/v1/auth.grpc.pb.h"
#include "services/auth/app/auth_app.h"

namespace ror::auth::api {

// ror.v1.AuthService: gRPC glue only. The RPCs an administrateur alone may call ask the call
// registry who is calling (the authz interceptor verified the token).
class AuthGrpcService final : public v1::AuthService::Service {
 public:
  AuthGrpcService(app::AuthApp& app, authz::CallRegistry& registry)
      : app_(app), registry_(registry) {}

  grpc::Status Login(grpc::ServerContext* context, const v1::LoginRequest* request,
                     v1::TokenPair* response) override;
  grpc::Status Refresh(grpc::ServerContext* context, const v1::RefreshRequest* request,
                       v1::TokenPair* response) override;
  grpc::Status Logout(grpc::ServerContext* context, const v1::LogoutRequest* request,
                      v1::LogoutResponse* response) override;
  grpc::Status RequestPasswordReset(grpc::ServerContext* context,
                                    const v1::RequestPasswordResetRequest* request,
                                    v1::RequestPasswordResetResponse* response) override;
  grpc::Status ResetPassword(grpc::ServerContext* context, const v1::ResetPasswordRequest* request,
                             v1::ResetPasswordResponse* response) override;
  grpc::Status RequestAccount(grpc::ServerContext* context,
                              const v1::RequestAccountRequest* request,
                              v1::RequestAccountResponse* response) override;
  grpc::Status ListAccountRequests(grpc::ServerContext* context,
                                   const v1::ListAccountRequestsRequest* request,
                                   v1::ListAccountRequestsResponse* response) override;
  grpc::Status DecideAccountRequest(grpc::ServerContext* context,
                                    const v1::DecideAccountRequestRequest* request,
                                    v1::AccountRequest* response) override;
  grpc::Status CreateAccount(grpc::ServerContext* context, const v1::CreateAccountRequest* request,
                             v1::Account* response) override;
  grpc::Status GetAccount(grpc::ServerContext* context, const v1::GetAccountRequest* request,
                          v1::Account* response) override;
  grpc::Status GrantRole(grpc::ServerContext* context, const v1::GrantRoleRequest* request,
                         v1::Account* response) override;
  grpc::Status RevokeRole(grpc::ServerContext* context, const v1::RevokeRoleRequest* request,
                          v1::Account* response) override;
  grpc::Status DisableAccount(grpc::ServerContext* context,
                              const v1::DisableAccountRequest* request,
                              v1::Account* response) override;
  grpc::Status CreateApiClient(grpc::ServerContext* context,
                               const v1::CreateApiClientRequest* request,
                               v1::CreateApiClientResponse* response) override;
  grpc::Status TokenForClient(grpc::ServerContext* context,
                              const v1::TokenForClientRequest* request,
                              v1::TokenPair* response) override;
  grpc::Status GetVerificationKeys(grpc::ServerContext* context,
                                   const v1::GetVerificationKeysRequest* request,
                                   v1::VerificationKeys* response) override;
  grpc::Status GetOpenIdConfiguration(grpc::ServerContext* context,
                                      const v1::GetOpenIdConfigurationRequest* request,
                                      v1::OpenIdConfiguration* response) override;
  grpc::Status RotateKeys(grpc::ServerContext* context, const v1::RotateKeysRequest* request,
                          v1::RotateKeysResponse* response) override;
  grpc::Status BeginPscLogin(grpc::ServerContext* context, const v1::BeginPscLoginRequest* request,
                             v1::BeginPscLoginResponse* response) override;
  grpc::Status CompletePscLogin(grpc::ServerContext* context,
                                const v1::CompletePscLoginRequest* request,
                                v1::CompletePscLoginResponse* response) override;
  grpc::Status LinkPsc(grpc::ServerContext* context, const v1::LinkPscRequest* request,
                       v1::Account* response) override;

 private:
  app::AuthApp& app_;
  authz::CallRegistry& registry_;
};

// The keys and ended sessions `service` publishes, asked in process: how auth verifies the tokens
// of its own callers with an authz::VerificationKeysPoller, without calling itself over gRPC.
authz::VerificationKeysPoller::Fetch InProcessVerificationKeys(AuthGrpcService& service);

}  // namespace ror::auth::api
