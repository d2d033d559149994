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
#include "boost/asio/ip/address.hpp"
#include "gateway/http/http_url.h"

namespace ror::gateway::feeds {

// The value of X-Ror-Signature for `body` sent at `at`.
std::string WebhookSignature(const std::string& secret, absl::Time at, const std::string& body);

struct WebhookPost {
  http::HttpUrl url;  // http::ParseHttpUrl
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // JSON
};

// Whether `address` is inside a network rather than on the internet: loopback, private (10/8,
// 172.16/12, 192.168/16, fc00::/7), link-local, shared (100.64/10) or unspecified.
bool IsInternalAddress(const boost::asio::ip::address& address);

struct DeliveryOptions {
  absl::Duration timeout = absl::Seconds(10);  // the whole of it, the name's resolution included
  std::string ca_file;                         // HTTPS receivers: else the system's CAs
  // Whether the receiver's name may resolve to internal addresses: else those are left out, so
  // that a name on the internet that points inside the network does not make the gateway call
  // there (checked at each delivery, as a name may change its addresses).
  bool internal_addresses = false;
};

// Sends `post` and reads the answer within `options.timeout`; OK for a 2xx, else an error saying
// what happened (no address, an internal one, no connection, timeout, the status received).
// HTTPS receivers are verified against the system's CAs, or `ca_file`'s when given.
absl::Status Deliver(const WebhookPost& post, const DeliveryOptions& options);

}  // namespace ror::gateway::feeds
