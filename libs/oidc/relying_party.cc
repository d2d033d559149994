#include "libs/oidc/relying_party.h"

#include <openssl/evp.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/status_macros.h"
#include "libs/oidc/curl_http_client.h"
#include "libs/oidc/pkce.h"
#include "libs/oidc/url.h"
#include "nlohmann/json.hpp"

namespace ror::oidc {
namespace {

std::string Base64(absl::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.resize(n);
  return out;
}

// RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64-encoded.
std::string BasicAuthorization(const std::string& client_id, const std::string& client_secret) {
  return absl::StrCat("Basic ", Base64(absl::StrCat(PercentEncode(client_id), ":",
                                                    PercentEncode(client_secret))));
}

absl::Status CheckOptions(const RelyingPartyOptions& options) {
  if (options.client_id.empty()) return absl::InvalidArgumentError("oidc: client_id is required");
  if (options.client_secret.empty()) {
    return absl::InvalidArgumentError("oidc: client_secret is required");
  }
  if (options.national_id_claim.empty()) {
    return absl::InvalidArgumentError("oidc: national_id_claim must name a claim");
  }
  if (options.login_ttl <= absl::ZeroDuration() || options.http_timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("oidc: login_ttl and http_timeout must be positive");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RelyingParty>> RelyingParty::Discover(RelyingPartyOptions options,
                                                                      const Clock& clock) {
  return Discover(std::move(options), clock, NewCurlHttpClient());
}

absl::StatusOr<std::unique_ptr<RelyingParty>> RelyingParty::Discover(
    RelyingPartyOptions options, const Clock& clock, std::unique_ptr<HttpClient> http) {
  RETURN_IF_ERROR(CheckOptions(options));
  ASSIGN_OR_RETURN(ProviderMetadata metadata,
                   FetchProviderMetadata(*http, options.issuer, options.http_timeout));
  std::unique_ptr<RelyingParty> rp(
      new RelyingParty(std::move(options), clock, std::move(http), std::move(metadata)));
  // Fetched now so a misconfigured provider shows at start-up, not at the first login.
  RETURN_IF_ERROR(rp->jwks_->Keys().status());
  return rp;
}

RelyingParty::RelyingParty(RelyingPartyOptions options, const Clock& clock,
                           std::unique_ptr<HttpClient> http, ProviderMetadata metadata)
    : options_(std::move(options)),
      clock_(clock),
      http_(std::move(http)),
      metadata_(std::move(metadata)),
      jwks_(std::make_unique<JwksCache>(*http_, metadata_.jwks_uri, options_.http_timeout)),
      validator_(IdTokenRules{.issuer = metadata_.issuer,
                              .client_id = options_.client_id,
                              .accepted_acr = options_.acr_values,
                              .leeway = options_.leeway,
                              .national_id_claim = options_.national_id_claim},
                 *jwks_, clock_),
      pending_(clock_, options_.login_ttl, options_.max_pending_logins) {}

absl::StatusOr<AuthorizationRequest> RelyingParty::Begin(const std::string& redirect_uri) {
  if (redirect_uri.empty()) return absl::InvalidArgumentError("oidc: redirect_uri is required");
  PendingLogin login;
  ASSIGN_OR_RETURN(login.state, RandomToken());
  ASSIGN_OR_RETURN(login.nonce, RandomToken());
  ASSIGN_OR_RETURN(login.code_verifier, RandomToken());
  login.redirect_uri = redirect_uri;
  login.created_at = clock_.Now();

  std::vector<std::string> scopes = {"openid"};
  for (const auto& scope : options_.scopes) {
    if (scope != "openid") scopes.push_back(scope);
  }
  std::vector<std::pair<std::string, std::string>> query = {
      {"response_type", "code"},
      {"client_id", options_.client_id},
      {"redirect_uri", redirect_uri},
      {"scope", absl::StrJoin(scopes, " ")},
      {"state", login.state},
      {"nonce", login.nonce},
      {"code_challenge", CodeChallengeS256(login.code_verifier)},
      {"code_challenge_method", "S256"},
  };
  if (!options_.acr_values.empty()) {
    query.emplace_back("acr_values", absl::StrJoin(options_.acr_values, " "));
  }
  AuthorizationRequest request{.url = WithQuery(metadata_.authorization_endpoint, query),
                               .state = login.state,
                               .expires_at = login.created_at + options_.login_ttl};
  RETURN_IF_ERROR(pending_.Put(std::move(login)));
  return request;
}

absl::StatusOr<Identity> RelyingParty::Complete(const std::string& state, const std::string& code,
                                                const std::string& iss) {
  if (state.empty()) return absl::UnauthenticatedError("oidc: `state` is missing");
  if (code.empty()) return absl::UnauthenticatedError("oidc: `code` is missing");
  // Taken before anything else: whatever happens next, this state cannot be used again.
  ASSIGN_OR_RETURN(PendingLogin login, pending_.Take(state));
  // A code another provider issued must not be sent to this one's token endpoint (mix-up attack).
  if (!iss.empty() && iss != metadata_.issuer) {
    return absl::UnauthenticatedError(absl::StrCat("oidc: the response's `iss` \"", iss,
                                                   "\" is not this provider's issuer"));
  }
  ASSIGN_OR_RETURN(std::string id_token, ExchangeCode(login, code));
  return validator_.Validate(id_token, login.nonce);
}

absl::StatusOr<std::string> RelyingParty::ExchangeCode(const PendingLogin& login,
                                                       const std::string& code) {
  HttpRequest request{
      .method = "POST",
      .url = metadata_.token_endpoint,
      .headers = {{"Authorization", BasicAuthorization(options_.client_id, options_.client_secret)},
                  {"Content-Type", "application/x-www-form-urlencoded"},
                  {"Accept", "application/json"}},
      .body = FormEncode({{"grant_type", "authorization_code"},
                          {"code", code},
                          {"redirect_uri", login.redirect_uri},
                          {"code_verifier", login.code_verifier}}),
      .timeout = options_.http_timeout};
  ASSIGN_OR_RETURN(HttpResponse response, http_->Send(request));
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (response.status != 200) {
    // Only the OAuth error code is repeated: descriptions may echo what was sent.
    std::string error = "(none)";
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
      error = body["error"].get<std::string>();
    }
    const std::string why = absl::StrCat("oidc: the token endpoint answered HTTP ", response.status,
                                         ", error \"", error, "\"");
    if (response.status >= 500) return absl::UnavailableError(why);
    return absl::UnauthenticatedError(why);
  }
  if (!body.is_object() || !body.contains("id_token") || !body["id_token"].is_string()) {
    return absl::UnauthenticatedError(
        "oidc: the token endpoint's answer has no `id_token` string: was \"openid\" granted?");
  }
  return body["id_token"].get<std::string>();
}

}  // namespace ror::oidc
