#pragma once

// Errors of the HTTP edge as RFC 9457 problem details (application/problem+json): a status, a
// French title, what went wrong, the request id to quote, and for bad input every field (or
// parameter) with the rule it breaks.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gateway/http/http_types.h"

namespace ror::gateway::http {

struct Violation {
  std::string field;  // "nom", "criteria.proximite.rayon_km", a query parameter, "body"
  std::string rule;   // "required", "format", "unknown" …
  std::string message;
};

struct Problem {
  int status = 500;
  std::string detail;
  std::vector<Violation> violations;
};

// The HTTP status a service's status code stands for.
int HttpStatusOf(absl::StatusCode code);
// The problem a service's error makes, its field violations (ror.v1.BadRequest) included.
Problem ProblemOf(const absl::Status& status);
// A bad request naming one field (or parameter) and its rule.
Problem BadRequest(std::string field, std::string rule, std::string message);

Response ProblemResponse(const Problem& problem, const RequestContext& context, unsigned version,
                         bool keep_alive);
// The same, answering `request`.
Response ProblemResponse(const Problem& problem, const Request& request,
                         const RequestContext& context);
// A 401 saying why, with WWW-Authenticate: Bearer.
Response Unauthorized(std::string detail, const Request& request, const RequestContext& context);

}  // namespace ror::gateway::http
