#include "gateway/http/problem.h"

#include "gateway/http/json_text.h"
#include "libs/common/field_violations.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::http {
namespace {

// The titles a person reads (the detail says what happened).
std::string TitleOf(int status) {
  switch (status) {
    case 400:
      return "Requête invalide";
    case 401:
      return "Authentification requise";
    case 403:
      return "Accès refusé";
    case 404:
      return "Ressource introuvable";
    case 405:
      return "Méthode non permise";
    case 409:
      return "Conflit";
    case 413:
      return "Requête trop volumineuse";
    case 415:
      return "Type de contenu non pris en charge";
    case 422:
      return "Règle métier non respectée";
    case 429:
      return "Trop de requêtes";
    case 431:
      return "En-têtes trop volumineux";
    case 501:
      return "Non implémenté";
    case 503:
      return "Service indisponible";
    case 504:
      return "Délai dépassé";
    default:
      return status >= 500 ? "Erreur interne" : "Requête refusée";
  }
}

}  // namespace

int HttpStatusOf(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    // A business rule the request breaks as the resource now is (DESIGN §2).
    case absl::StatusCode::kFailedPrecondition:
      return 422;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

Problem ProblemOf(const absl::Status& status) {
  Problem problem{.status = HttpStatusOf(status.code()),
                  .detail = std::string(status.message()),
                  .violations = {}};
  if (const std::optional<v1::BadRequest> bad = GetBadRequest(status); bad.has_value()) {
    for (const auto& v : bad->field_violations()) {
      problem.violations.push_back(
          {.field = v.field(), .rule = v.rule(), .message = v.description()});
    }
  }
  // What failed inside is for the logs, not for the caller.
  if (problem.status == 500) problem.detail = "erreur interne ; citez l'identifiant de requête";
  return problem;
}

Problem BadRequest(std::string field, std::string rule, std::string message) {
  std::string detail = field + " : " + message;
  return Problem{
      .status = 400,
      .detail = std::move(detail),
      .violations = {
          {.field = std::move(field), .rule = std::move(rule), .message = std::move(message)}}};
}

Response ProblemResponse(const Problem& problem, const RequestContext& context, unsigned version,
                         bool keep_alive) {
  nlohmann::json body = {
      {"type", "about:blank"},    {"title", TitleOf(problem.status)}, {"status", problem.status},
      {"detail", problem.detail}, {"requestId", context.request_id},
  };
  if (!problem.violations.empty()) {
    nlohmann::json violations = nlohmann::json::array();
    for (const Violation& v : problem.violations) {
      violations.push_back({{"field", v.field}, {"rule", v.rule}, {"message", v.message}});
    }
    body["violations"] = std::move(violations);
  }
  Response response(static_cast<Status>(problem.status), version);
  response.set(Field::content_type, "application/problem+json");
  response.keep_alive(keep_alive);
  // Text from the request (a parameter, a path) may not be UTF-8: replaced, never thrown on.
  response.body() = JsonText(body);
  response.prepare_payload();
  return response;
}

Response ProblemResponse(const Problem& problem, const Request& request,
                         const RequestContext& context) {
  return ProblemResponse(problem, context, request.version(), request.keep_alive());
}

Response Unauthorized(std::string detail, const Request& request, const RequestContext& context) {
  Response response = ProblemResponse(
      {.status = 401, .detail = std::move(detail), .violations = {}}, request, context);
  response.set(Field::www_authenticate, "Bearer");
  return response;
}

}  // namespace ror::gateway::http
