#pragma once

// /api/v1: finds the route of a request (404, or 405 with Allow), checks its content type (415),
// builds the RPC's request (400 naming the body, parameter or field), calls the service with the
// caller's token, request id and trace, and answers JSON, or the service's error as problem+json.

#include <vector>

#include "gateway/http/http_types.h"
#include "gateway/rest/routes.h"
#include "gateway/rest/upstreams.h"
#include "google/protobuf/descriptor.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::rest {

// The OpenAPI document of the routes (openapi.h).
inline constexpr char kOpenApiPath[] = "/api/v1/openapi.json";

class RestApi {
 public:
  // Every route's RPC must be known to this binary: a missing one aborts at start-up.
  // `more_paths` joins the OpenAPI document: the operations the gateway serves itself.
  explicit RestApi(const Upstreams& upstreams,
                   const nlohmann::json& more_paths = nlohmann::json::object());

  http::Response Handle(const http::Request& request, const http::RequestContext& context) const;

 private:
  struct Resolved {
    const Route* route;
    const google::protobuf::MethodDescriptor* method;
  };
  // A streaming RPC's bytes as a file (Route::produces, Route::filename).
  http::Response File(const Resolved& found, const google::protobuf::Message& message,
                      const CallMetadata& metadata, const http::Request& request,
                      const http::RequestContext& context) const;

  const Upstreams& upstreams_;
  std::vector<Resolved> routes_;
  std::string openapi_json_;  // written once
};

}  // namespace ror::gateway::rest
