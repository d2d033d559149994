#include "services/auth/api/auth_grpc_service.h"

#include "libs/authz/habilitation.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "services/auth/api/caller.h"
#include "services/auth/api/proto_mapping.h"
#include "services/auth/app/streams.h"
#include "services/auth/domain/admin_scope.h"

namespace ror::auth::api {
namespace {

using server::ToGrpcStatus;

constexpr char kBearer[] = "Bearer";

void SetTokens(const app::Tokens& tokens, v1::TokenPair* response) {
  response->set_access_token(tokens.access_token);
  response->set_refresh_token(tokens.refresh_token);
  response->set_expires_in_seconds(absl::ToInt64Seconds(tokens.expires_in));
  response->set_token_type(kBearer);
}

// The context of a call anyone may make: the actor is whoever the token says, or anonymous.
app::CommandContext PublicContext(const authz::CallRegistry& registry,
                                  const grpc::ServerContext& context) {
  absl::StatusOr<authz::Principal> caller = registry.Caller(&context);
  return ContextOf(context, caller.ok() ? *caller : authz::Anonymous());
}

// The stream a state-changing call wrote, for its audit record.
void NoteAccountWrite(authz::CallRegistry& registry, const grpc::ServerContext& context,
                      const domain::AccountState& account) {
  registry.NoteWrite(&context, app::AccountStream(account.account_id), account.version, "");
}

absl::Status PscNotConfigured() {
  return absl::FailedPreconditionError(
      "la connexion par Pro Santé Connect n'est pas configurée sur ce serveur");
}

}  // namespace

grpc::Status AuthGrpcService::Login(grpc::ServerContext* context, const v1::LoginRequest* request,
                                    v1::TokenPair* response) {
  absl::StatusOr<app::Tokens> tokens = app_.sessions().Login(request->email(), request->password(),
                                                             PublicContext(registry_, *context));
  if (!tokens.ok()) return ToGrpcStatus(tokens.status());
  SetTokens(*tokens, response);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::Refresh(grpc::ServerContext* context,
                                      const v1::RefreshRequest* request, v1::TokenPair* response) {
  absl::StatusOr<app::Tokens> tokens =
      app_.sessions().Refresh(request->refresh_token(), PublicContext(registry_, *context));
  if (!tokens.ok()) return ToGrpcStatus(tokens.status());
  SetTokens(*tokens, response);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::Logout(grpc::ServerContext* context, const v1::LogoutRequest* request,
                                     v1::LogoutResponse*) {
  return ToGrpcStatus(
      app_.sessions().Logout(request->refresh_token(), PublicContext(registry_, *context)));
}

grpc::Status AuthGrpcService::RequestPasswordReset(grpc::ServerContext* context,
                                                   const v1::RequestPasswordResetRequest* request,
                                                   v1::RequestPasswordResetResponse*) {
  app_.accounts().RequestPasswordReset(request->email(), PublicContext(registry_, *context));
  return grpc::Status::OK;  // always: the answer must not tell whether the e-mail is known
}

grpc::Status AuthGrpcService::ResetPassword(grpc::ServerContext* context,
                                            const v1::ResetPasswordRequest* request,
                                            v1::ResetPasswordResponse*) {
  return ToGrpcStatus(app_.accounts().ResetPassword(request->reset_token(), request->new_password(),
                                                    PublicContext(registry_, *context)));
}

grpc::Status AuthGrpcService::RequestAccount(grpc::ServerContext* context,
                                             const v1::RequestAccountRequest* request,
                                             v1::RequestAccountResponse* response) {
  absl::StatusOr<std::string> id = app_.requests().Submit(
      domain::SubmitAccountRequest{.account_request_id = "",
                                   .email = request->email(),
                                   .prenom = request->prenom(),
                                   .nom = request->nom(),
                                   .finess_etablissement = request->finess_etablissement(),
                                   .motif = request->motif(),
                                   .now = absl::InfinitePast()},
      PublicContext(registry_, *context));
  if (!id.ok()) return ToGrpcStatus(id.status());
  response->set_account_request_id(*id);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::ListAccountRequests(grpc::ServerContext* context,
                                                  const v1::ListAccountRequestsRequest* request,
                                                  v1::ListAccountRequestsResponse* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<std::vector<domain::AccountRequestState>> requests =
      app_.requests().List(request->include_decided(), domain::AdminScopeOf(*caller));
  if (!requests.ok()) return ToGrpcStatus(requests.status());
  for (const auto& r : *requests) *response->add_requests() = ToProto(r);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::DecideAccountRequest(grpc::ServerContext* context,
                                                   const v1::DecideAccountRequestRequest* request,
                                                   v1::AccountRequest* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (request->decision() == v1::DecideAccountRequestRequest::DECISION_UNSPECIFIED) {
    FieldViolations v;
    v.Add("decision", "required", "la décision (accepter ou refuser) est obligatoire");
    return ToGrpcStatus(v.ToStatus());
  }
  absl::StatusOr<domain::AccountRequestState> decided = app_.requests().Decide(
      request->account_request_id(),
      request->decision() == v1::DecideAccountRequestRequest::DECISION_APPROVE, request->motif(),
      ContextOf(*context, *caller), domain::AdminScopeOf(*caller));
  if (!decided.ok()) return ToGrpcStatus(decided.status());
  *response = ToProto(*decided);
  registry_.NoteWrite(context, app::AccountRequestStream(decided->request.account_request_id()),
                      decided->version, "");
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::CreateAccount(grpc::ServerContext* context,
                                            const v1::CreateAccountRequest* request,
                                            v1::Account* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  app::NewAccount account{.account_id = "",
                          .email = request->email(),
                          .prenom = request->prenom(),
                          .nom = request->nom(),
                          .grants = {},
                          .origin = domain::AccountCreated::ORIGIN_MIGRATED,
                          .account_request_id = ""};
  for (const v1::Grant& grant : request->grants()) account.grants.push_back(FromProto(grant));
  absl::StatusOr<domain::AccountState> created =
      app_.accounts().Create(account, ContextOf(*context, *caller), domain::AdminScopeOf(*caller));
  if (!created.ok()) return ToGrpcStatus(created.status());
  *response = ToProto(*created);
  NoteAccountWrite(registry_, *context, *created);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::GetAccount(grpc::ServerContext* context,
                                         const v1::GetAccountRequest* request,
                                         v1::Account* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<domain::AccountState> account = app_.accounts().Get(request->account_id());
  if (!account.ok()) return ToGrpcStatus(account.status());
  *response = ToProto(*account);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::GrantRole(grpc::ServerContext* context,
                                        const v1::GrantRoleRequest* request,
                                        v1::Account* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<domain::AccountState> account =
      app_.accounts().GrantRole(request->account_id(), FromProto(request->grant()),
                                ContextOf(*context, *caller), domain::AdminScopeOf(*caller));
  if (!account.ok()) return ToGrpcStatus(account.status());
  *response = ToProto(*account);
  NoteAccountWrite(registry_, *context, *account);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::RevokeRole(grpc::ServerContext* context,
                                         const v1::RevokeRoleRequest* request,
                                         v1::Account* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<domain::AccountState> account =
      app_.accounts().RevokeRole(request->account_id(), FromProto(request->grant()),
                                 ContextOf(*context, *caller), domain::AdminScopeOf(*caller));
  if (!account.ok()) return ToGrpcStatus(account.status());
  *response = ToProto(*account);
  NoteAccountWrite(registry_, *context, *account);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::DisableAccount(grpc::ServerContext* context,
                                             const v1::DisableAccountRequest* request,
                                             v1::Account* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  absl::StatusOr<domain::AccountState> account =
      app_.DisableAccount(request->account_id(), request->motif(), ContextOf(*context, *caller),
                          domain::AdminScopeOf(*caller));
  if (!account.ok()) return ToGrpcStatus(account.status());
  *response = ToProto(*account);
  NoteAccountWrite(registry_, *context, *account);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::CreateApiClient(grpc::ServerContext* context,
                                              const v1::CreateApiClientRequest* request,
                                              v1::CreateApiClientResponse* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status national = authz::CheckNationalAdministrateur(*caller); !national.ok()) {
    return ToGrpcStatus(national);
  }
  absl::StatusOr<app::NewApiClient> client = app_.clients().Create(
      request->name(), request->access_profile(), ContextOf(*context, *caller));
  if (!client.ok()) return ToGrpcStatus(client.status());
  response->set_client_id(client->client_id);
  registry_.NoteWrite(context, app::ApiClientStream(client->client_id), 1, "");
  response->set_client_secret(client->client_secret);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::TokenForClient(grpc::ServerContext* context,
                                             const v1::TokenForClientRequest* request,
                                             v1::TokenPair* response) {
  if (!request->grant_type().empty() && request->grant_type() != "client_credentials") {
    FieldViolations v;
    v.Add("grant_type", "unsupported", "seul le grant_type « client_credentials » est accepté");
    return ToGrpcStatus(v.ToStatus());
  }
  absl::StatusOr<app::Tokens> tokens =
      app_.clients().Token(request->client_id(), request->client_secret());
  if (!tokens.ok()) return ToGrpcStatus(tokens.status());
  SetTokens(*tokens, response);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::GetVerificationKeys(grpc::ServerContext*,
                                                  const v1::GetVerificationKeysRequest*,
                                                  v1::VerificationKeys* response) {
  response->set_jwks_json(app_.keys().JwksJson());
  for (const auto& [session_id, until] : app_.RevokedSessions()) {
    v1::RevokedSession* revoked = response->add_revoked_sessions();
    revoked->set_session_id(session_id);
    *revoked->mutable_until() = ToProtoTimestamp(until);
  }
  response->set_issuer(app_.options().issuer);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::GetOpenIdConfiguration(grpc::ServerContext*,
                                                     const v1::GetOpenIdConfigurationRequest*,
                                                     v1::OpenIdConfiguration* response) {
  response->set_json(app_.OpenIdConfiguration());
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::RotateKeys(grpc::ServerContext* context, const v1::RotateKeysRequest*,
                                         v1::RotateKeysResponse* response) {
  absl::StatusOr<authz::Principal> caller = RequireAdministrateur(registry_, *context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (absl::Status national = authz::CheckNationalAdministrateur(*caller); !national.ok()) {
    return ToGrpcStatus(national);
  }
  absl::StatusOr<std::string> kid = app_.keys().Rotate();
  if (!kid.ok()) return ToGrpcStatus(kid.status());
  response->set_kid(*kid);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::BeginPscLogin(grpc::ServerContext*, const v1::BeginPscLoginRequest*,
                                            v1::BeginPscLoginResponse* response) {
  if (app_.psc() == nullptr) return ToGrpcStatus(PscNotConfigured());
  absl::StatusOr<oidc::AuthorizationRequest> request = app_.psc()->Begin();
  if (!request.ok()) return ToGrpcStatus(request.status());
  response->set_authorization_url(request->url);
  response->set_state(request->state);
  *response->mutable_expires_at() = ToProtoTimestamp(request->expires_at);
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::CompletePscLogin(grpc::ServerContext* context,
                                               const v1::CompletePscLoginRequest* request,
                                               v1::CompletePscLoginResponse* response) {
  if (app_.psc() == nullptr) return ToGrpcStatus(PscNotConfigured());
  absl::StatusOr<app::PscLoginOutcome> outcome = app_.psc()->Complete(
      request->state(), request->code(), request->iss(), PublicContext(registry_, *context));
  if (!outcome.ok()) return ToGrpcStatus(outcome.status());
  if (outcome->tokens.has_value()) {
    SetTokens(*outcome->tokens, response->mutable_tokens());
  } else if (outcome->link_required.has_value()) {
    v1::PscLinkRequired* link = response->mutable_link_required();
    link->set_link_token(outcome->link_required->link_token);
    *link->mutable_expires_at() = ToProtoTimestamp(outcome->link_required->expires_at);
    link->set_given_name(outcome->link_required->given_name);
    link->set_family_name(outcome->link_required->family_name);
  }
  return grpc::Status::OK;
}

grpc::Status AuthGrpcService::LinkPsc(grpc::ServerContext* context,
                                      const v1::LinkPscRequest* request, v1::Account* response) {
  if (app_.psc() == nullptr) return ToGrpcStatus(PscNotConfigured());
  absl::StatusOr<authz::Principal> caller = registry_.Caller(context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  if (caller->kind != authz::PrincipalKind::kUser) {
    return ToGrpcStatus(absl::UnauthenticatedError(
        "connectez-vous avec votre adresse e-mail et votre mot de passe pour lier votre carte"));
  }
  absl::StatusOr<domain::AccountState> account =
      app_.psc()->Link(caller->subject, request->link_token(), ContextOf(*context, *caller));
  if (!account.ok()) return ToGrpcStatus(account.status());
  *response = ToProto(*account);
  NoteAccountWrite(registry_, *context, *account);
  return grpc::Status::OK;
}

authz::VerificationKeysPoller::Fetch InProcessVerificationKeys(AuthGrpcService& service) {
  return [&service](absl::Duration) -> absl::StatusOr<v1::VerificationKeys> {
    v1::GetVerificationKeysRequest request;
    v1::VerificationKeys keys;
    grpc::Status status = service.GetVerificationKeys(nullptr, &request, &keys);
    if (!status.ok()) return server::FromGrpcStatus(status);
    return keys;
  };
}

}  // namespace ror::auth::api
