#include "gateway/edge.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/http/problem.h"
#include "libs/authz/authz_interceptor.h"
#include "libs/common/log.h"

namespace ror::gateway {

Edge::Edge(const rest::RestApi& api, const fhir::FhirApi* fhir,
           const authz::TokenVerifier* verifier, EdgeOptions options, const Clock& clock,
           const feeds::FeedsApi* feeds, CertificateClients* certificates)
    : api_(api),
      fhir_(fhir),
      feeds_(feeds),
      certificates_(certificates),
      verifier_(verifier),
      clock_(clock),
      per_client_(options.per_client),
      per_address_(options.per_address) {}

absl::StatusOr<authz::Principal> Edge::CallerOf(const http::Request& request) const {
  const absl::string_view authorization = http::View(request[http::Field::authorization]);
  if (verifier_ == nullptr) {
    if (authorization.empty()) return authz::Anonymous();
    return absl::UnauthenticatedError("aucune clé de vérification des jetons");
  }
  return authz::CallerOfAuthorization(*verifier_, authorization);
}

std::pair<std::string, http::RateLimiter*> Edge::ClientOf(
    const absl::StatusOr<authz::Principal>& caller, const http::RequestContext& context) {
  if (caller.ok() && caller->kind != authz::PrincipalKind::kAnonymous) {
    const char* kind = caller->kind == authz::PrincipalKind::kApiClient ? "client:" : "user:";
    return {absl::StrCat(kind, caller->subject), &per_client_};
  }
  // A verified TLS client certificate names its client too (issued by the client CA).
  if (!context.client_certificate.empty()) {
    return {absl::StrCat("certificate:", context.client_certificate), &per_client_};
  }
  return {absl::StrCat("address:", context.peer), &per_address_};
}

http::Reply Edge::Handle(const http::Request& request, const http::RequestContext& context) {
  if (certificates_ != nullptr && !context.client_certificate_sha256.empty() &&
      request[http::Field::authorization].empty()) {
    absl::StatusOr<std::optional<std::string>> authorization =
        certificates_->AuthorizationFor(context.client_certificate_sha256);
    if (!authorization.ok()) {
      log::Error("client certificate refused by auth",
                 {{"certificate", context.client_certificate},
                  {"error", authorization.status().ToString()},
                  {"request_id", context.request_id}});
      // auth down is the platform's trouble, not the client's: try again later.
      const absl::StatusCode code = authorization.status().code();
      if (code == absl::StatusCode::kUnavailable || code == absl::StatusCode::kDeadlineExceeded) {
        http::Response response = http::ProblemResponse(
            {.status = 503, .detail = "auth ne répond pas ; réessayez", .violations = {}}, request,
            context);
        response.set(http::Field::retry_after, "5");
        return response;
      }
      return http::Unauthorized(
          "le client d'API de ce certificat n'obtient pas de jeton ; prévenez l'exploitant",
          request, context);
    }
    if (authorization->has_value()) {
      http::Request with_token = request;
      with_token.set(http::Field::authorization, **authorization);
      return Route(with_token, context);
    }
  }
  return Route(request, context);
}

http::Reply Edge::Route(const http::Request& request, const http::RequestContext& context) {
  const absl::string_view target = http::View(request.target());
  const absl::string_view path = target.substr(0, target.find('?'));
  if (path == "/healthz") {
    http::Response response(http::Status::ok, request.version());
    response.set(http::Field::content_type, "text/plain; charset=utf-8");
    response.keep_alive(request.keep_alive());
    response.body() = "ok\n";
    return response;
  }
  const bool is_fhir = fhir_ != nullptr && absl::StartsWith(path, "/fhir/");
  if (!absl::StartsWith(path, "/api/v1/") && !is_fhir) {
    return http::ProblemResponse({.status = 404,
                                  .detail = absl::StrCat("aucune ressource à l'adresse ", path),
                                  .violations = {}},
                                 context, request.version(), request.keep_alive());
  }
  // gRPC metadata takes printable ASCII only (and aborts on anything else): a token is that.
  const absl::string_view authorization = http::View(request[http::Field::authorization]);
  if (!std::all_of(authorization.begin(), authorization.end(),
                   [](char c) { return c >= 0x20 && c <= 0x7e; })) {
    http::Response response =
        http::ProblemResponse({.status = 401,
                               .detail = "en-tête Authorization illisible",
                               .violations = {{.field = "Authorization",
                                               .rule = "format",
                                               .message = "ASCII imprimable"}}},
                              context, request.version(), request.keep_alive());
    response.set(http::Field::www_authenticate, "Bearer");
    return response;
  }
  const absl::StatusOr<authz::Principal> caller = CallerOf(request);
  const auto [client, limiter] = ClientOf(caller, context);
  if (const std::optional<absl::Duration> wait = limiter->Take(client, clock_.Now())) {
    const int64_t seconds = std::max<int64_t>(1, std::ceil(absl::ToDoubleSeconds(*wait)));
    http::Response response = http::ProblemResponse(
        {.status = 429,
         .detail = absl::StrCat("trop de requêtes pour ce client ; réessayez dans ", seconds, " s"),
         .violations = {}},
        context, request.version(), request.keep_alive());
    response.set(http::Field::retry_after, absl::StrCat(seconds));
    return response;
  }
  if (is_fhir) return fhir_->Handle(request, context, caller);
  if (feeds_ != nullptr && feeds::FeedsApi::Serves(path)) {
    return feeds_->Handle(request, context, caller);
  }
  return api_.Handle(request, context);
}

}  // namespace ror::gateway
