#include "gateway/rest/rest_api.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/http/problem.h"
#include "gateway/rest/openapi.h"
#include "gateway/rest/request_target.h"
#include "gateway/rest/transcoder.h"
#include "libs/common/log.h"
#include "ror/v1/auth.grpc.pb.h"
#include "ror/v1/etablissement.grpc.pb.h"
#include "ror/v1/offre.grpc.pb.h"
#include "ror/v1/organisation.grpc.pb.h"
#include "ror/v1/search.grpc.pb.h"

namespace ror::gateway::rest {
namespace {

using http::Field;
using http::Problem;

}  // namespace

RestApi::RestApi(const Upstreams& upstreams, const nlohmann::json& more_paths)
    : upstreams_(upstreams), openapi_json_(OpenApiDocument(more_paths).dump()) {
  // The services' descriptors are registered when their generated code is linked: name one
  // message of each file so that it is.
  for (const google::protobuf::Descriptor* linked :
       {v1::LoginRequest::descriptor(), v1::GetOffreRequest::descriptor(),
        v1::GetEtablissementRequest::descriptor(), v1::GetOrganisationRequest::descriptor(),
        v1::SearchRequest::descriptor()}) {
    (void)linked;
  }
  for (const Route& route : RestRoutes()) {
    const google::protobuf::MethodDescriptor* method =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(route.method);
    if (method == nullptr) {
      log::Error("gateway: a route names an unknown RPC", {{"method", route.method}});
      std::abort();
    }
    const google::protobuf::Descriptor& output = *method->output_type();
    if (method->server_streaming() &&
        (output.field_count() != 1 ||
         output.field(0)->type() != google::protobuf::FieldDescriptor::TYPE_BYTES ||
         route.filename.empty())) {
      log::Error("gateway: a streaming route's messages must hold one bytes field",
                 {{"method", route.method}});
      std::abort();
    }
    routes_.push_back({.route = &route, .method = method});
  }
}

http::Response RestApi::File(const Resolved& found, const google::protobuf::Message& message,
                             const CallMetadata& metadata, const http::Request& request,
                             const http::RequestContext& context) const {
  // The file's bytes: the one bytes field of each streamed message (checked at start-up).
  const google::protobuf::FieldDescriptor& bytes = *found.method->output_type()->field(0);
  std::string body;
  const absl::Status streamed =
      upstreams_.Stream(found.route->upstream, *found.method, message, metadata,
                        [&](const google::protobuf::Message& chunk) {
                          body += chunk.GetReflection()->GetString(chunk, &bytes);
                          return true;
                        });
  if (!streamed.ok()) {
    return http::ProblemResponse(http::ProblemOf(streamed), context, request.version(),
                                 request.keep_alive());
  }
  http::Response out(static_cast<http::Status>(found.route->success), request.version());
  out.set(Field::content_type, found.route->produces);
  out.set(Field::content_disposition,
          absl::StrCat("attachment; filename=\"", found.route->filename, "\""));
  out.keep_alive(request.keep_alive());
  out.body() = std::move(body);
  return out;
}

http::Response RestApi::Handle(const http::Request& request,
                               const http::RequestContext& context) const {
  const auto problem = [&](const Problem& p) {
    return http::ProblemResponse(p, context, request.version(), request.keep_alive());
  };
  absl::StatusOr<Target> target =
      ParseTarget(absl::string_view(request.target().data(), request.target().size()));
  if (!target.ok()) return problem(http::ProblemOf(target.status()));
  if (target->path == kOpenApiPath && request.method() == http::Verb::get) {
    http::Response out(http::Status::ok, request.version());
    out.set(Field::content_type, "application/json");
    out.keep_alive(request.keep_alive());
    out.body() = openapi_json_;
    return out;
  }

  const Resolved* found = nullptr;
  Params path_params;
  std::vector<std::string> allowed;
  for (const Resolved& resolved : routes_) {
    std::optional<Params> params = MatchPath(resolved.route->pattern, target->path);
    if (!params.has_value()) continue;
    if (resolved.route->verb != request.method()) {
      allowed.emplace_back(http::View(boost::beast::http::to_string(resolved.route->verb)));
      continue;
    }
    found = &resolved;
    path_params = *std::move(params);
    break;
  }
  if (found == nullptr && !allowed.empty()) {
    http::Response response = problem(Problem{
        .status = 405,
        .detail = absl::StrCat(http::View(request.method_string()),
                               " n'est pas permis ici ; permis : ", absl::StrJoin(allowed, ", ")),
        .violations = {}});
    response.set(Field::allow, absl::StrJoin(allowed, ", "));
    return response;
  }
  if (found == nullptr) {
    return problem(Problem{.status = 404,
                           .detail = absl::StrCat("aucune ressource à l'adresse ", target->path),
                           .violations = {}});
  }
  if (HasBody(request.method()) && !request.body().empty() &&
      !http::IsJson(http::View(request[Field::content_type]))) {
    return problem(Problem{.status = 415,
                           .detail = "le corps doit être du JSON (Content-Type: application/json)",
                           .violations = {{.field = "Content-Type",
                                           .rule = "media_type",
                                           .message = "application/json attendu"}}});
  }
  if (!HasBody(request.method()) && !request.body().empty()) {
    return problem(http::BadRequest(
        "body", "not_allowed",
        absl::StrCat(http::View(request.method_string()), " ne prend pas de corps")));
  }
  const RestRequest rest{
      .body = request.body(),
      .path = std::move(path_params),
      .query = std::move(target->query),
      .idempotency_key = std::string(request["Idempotency-Key"]),
  };
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> message =
      RequestMessage(*found->method->input_type(), rest);
  if (!message.ok()) return problem(http::ProblemOf(message.status()));

  const CallMetadata metadata{.authorization = std::string(request[Field::authorization]),
                              .context = &context};
  if (found->method->server_streaming()) return File(*found, **message, metadata, request, context);
  absl::StatusOr<std::unique_ptr<google::protobuf::Message>> response =
      upstreams_.Call(found->route->upstream, *found->method, **message, metadata);
  if (!response.ok()) {
    if (response.status().code() == absl::StatusCode::kInternal) {
      log::Error("gateway: a service failed", {{"method", found->route->method},
                                               {"error", response.status().ToString()},
                                               {"request_id", context.request_id}});
    }
    http::Response out = problem(http::ProblemOf(response.status()));
    if (out.result() == http::Status::unauthorized) out.set(Field::www_authenticate, "Bearer");
    return out;
  }
  http::Response out(static_cast<http::Status>(found->route->success), request.version());
  out.set(Field::content_type, "application/json");
  out.keep_alive(request.keep_alive());
  out.body() = ResponseJson(**response);
  return out;
}

}  // namespace ror::gateway::rest
