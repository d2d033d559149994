#pragma once

// The HTTP messages the gateway reads and writes (Boost.Beast), and what it knows of a request
// beside its message.

#include <string>

#include "absl/strings/string_view.h"
#include "boost/beast/http.hpp"
#include "gateway/http/trace_context.h"

namespace ror::gateway::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Status = boost::beast::http::status;
using Verb = boost::beast::http::verb;
using Field = boost::beast::http::field;

inline constexpr char kRequestIdHeader[] = "X-Request-Id";

// A header value, the method's name … as the absl::string_view the rest of the code takes.
inline absl::string_view View(boost::beast::string_view s) { return {s.data(), s.size()}; }

struct RequestContext {
  std::string request_id;  // echoed as X-Request-Id, sent to services as x-correlation-id
  TraceParent trace;       // this hop's, sent to services as traceparent
  std::string peer;        // the client's address
  // The subject of the client's TLS certificate, verified against the client CA; empty without.
  std::string client_certificate;
};

}  // namespace ror::gateway::http
