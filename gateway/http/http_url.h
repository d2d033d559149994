#pragma once

// An http(s) URL the gateway is given (a webhook's receiver, its own public address), parsed
// strictly: nothing in it can end a request line or add a header.

#include <string>

#include "absl/status/statusor.h"

namespace ror::gateway::http {

struct HttpUrl {
  bool tls = false;
  std::string host;    // a name, an IPv4 address, or an IPv6 address without its brackets
  std::string port;    // the scheme's when not given
  std::string target;  // path and query, "/" at least; a fragment is dropped
};

// INVALID_ARGUMENT saying what is wrong unless `url` is http(s)://host[:port][/path][?query].
absl::StatusOr<HttpUrl> ParseHttpUrl(const std::string& url);

}  // namespace ror::gateway::http
