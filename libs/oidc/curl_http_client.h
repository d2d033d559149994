#pragma once

#include <memory>

#include "libs/oidc/http_client.h"

namespace ror::oidc {

// HttpClient over libcurl: one easy handle per request, http and https only, TLS peers verified,
// response bodies capped (1 MiB) since provider documents and token responses are small.
std::unique_ptr<HttpClient> NewCurlHttpClient();

}  // namespace ror::oidc
