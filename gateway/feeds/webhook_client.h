#pragma once

// The HTTP(S) client of webhook deliveries (Boost.Beast): one POST per change, signed, with a
// deadline over the whole exchange.
//
// Signature: `X-Ror-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. A
// receiver recomputes it with the secret it was given, compares in constant time, and refuses a
// `t` too old (a replayed request).

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/http/http_url.h"

namespace ror::gateway::feeds {

// The value of X-Ror-Signature for `body` sent at `at`.
std::string WebhookSignature(const std::string& secret, absl::Time at, const std::string& body);

struct WebhookPost {
  http::HttpUrl url;  // http::ParseHttpUrl
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // JSON
};

// Sends `post` and reads the answer within `timeout`; OK for a 2xx, else an error saying what
// happened (no connection, timeout, the status received). HTTPS receivers are verified against
// the system's CAs, or `ca_file`'s when given.
absl::Status Deliver(const WebhookPost& post, absl::Duration timeout, const std::string& ca_file);

}  // namespace ror::gateway::feeds
