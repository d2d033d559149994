#pragma once

// The OpenAPI 3 document of /api/v1, made from the routes and the protos' descriptors (served at
// /api/v1/openapi.json): an operation per route, its path and query parameters, its JSON request
// and response schemas (the protobuf JSON mapping), and problem+json for every error.

#include <string>

#include "nlohmann/json.hpp"

namespace ror::gateway::rest {

// `more_paths`: the gateway's own operations (the change feeds), described by their module.
nlohmann::json OpenApiDocument(const nlohmann::json& more_paths = nlohmann::json::object());

}  // namespace ror::gateway::rest
