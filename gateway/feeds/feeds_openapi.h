#pragma once

// The change feeds' operations (feeds_api.h) in the OpenAPI document of /api/v1.

#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {

// OpenAPI 3 "paths" of /api/v1/changes and /api/v1/webhooks…
nlohmann::json FeedsOpenApiPaths();

}  // namespace ror::gateway::feeds
