#include "gateway/edge.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/http/problem.h"

namespace ror::gateway {

http::Response Edge(const rest::RestApi& api, const http::Request& request,
                    const http::RequestContext& context) {
  const absl::string_view target(request.target().data(), request.target().size());
  const absl::string_view path = target.substr(0, target.find('?'));
  if (absl::StartsWith(path, "/api/v1/")) return api.Handle(request, context);
  if (path == "/healthz") {
    http::Response response(http::Status::ok, request.version());
    response.set(http::Field::content_type, "text/plain; charset=utf-8");
    response.keep_alive(request.keep_alive());
    response.body() = "ok\n";
    return response;
  }
  return http::ProblemResponse({.status = 404,
                                .detail = absl::StrCat("aucune ressource à l'adresse ", path),
                                .violations = {}},
                               context, request.version(), request.keep_alive());
}

}  // namespace ror::gateway
