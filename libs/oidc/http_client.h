#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ror::oidc {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url = "";
  std::vector<std::pair<std::string, std::string>> headers = {};
  std::string body = "";
  absl::Duration timeout = absl::Seconds(10);  // the whole exchange, connection included
};

struct HttpResponse {
  int status = 0;
  std::string content_type = "";
  std::string body = "";
};

// The HTTP the relying party needs, behind an interface so tests can answer in its place.
// Redirects are not followed: a provider endpoint answers itself. Thread-safe.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // UNAVAILABLE or DEADLINE_EXCEEDED when no response came; any HTTP status is a response.
  virtual absl::StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace ror::oidc
