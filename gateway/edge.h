#pragma once

// What the gateway serves at each address: /api/v1/… (rest::RestApi), /healthz, and a
// problem+json 404 for anything else.

#include "gateway/http/http_types.h"
#include "gateway/rest/rest_api.h"

namespace ror::gateway {

http::Response Edge(const rest::RestApi& api, const http::Request& request,
                    const http::RequestContext& context);

}  // namespace ror::gateway
