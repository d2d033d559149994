#pragma once

// The HTTP messages the gateway reads and writes (Boost.Beast), and what it knows of a request
// beside its message.

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
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

// Whether a Content-Type says JSON (parameters such as charset aside).
inline bool IsJson(absl::string_view content_type) {
  const absl::string_view media = content_type.substr(0, content_type.find(';'));
  return absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(media), "application/json");
}

struct RequestContext {
  std::string request_id;  // echoed as X-Request-Id, sent to services as x-correlation-id
  TraceParent trace;       // this hop's, sent to services as traceparent
  std::string peer;        // the client's address
  // The subject of the client's TLS certificate, verified against the client CA; empty without.
  std::string client_certificate;
  std::string client_certificate_sha256;  // its fingerprint, lower-case hex; empty without
};

// The body of a response written as it comes (Server-Sent Events) rather than whole: after the
// head, the server asks for more until the stream ends or the client leaves. Called on the
// connection's strand, one call at a time; must not block.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // The next bytes to send; empty when there is nothing yet (asked again after a pause);
  // nullopt at the end of the response.
  virtual std::optional<std::string> Next() = 0;
};

// What a handler answers: a whole response, or the head of one whose body `stream` writes (the
// connection then closes at its end: the body has no length).
struct Reply {
  Reply(Response whole) : response(std::move(whole)) {}  // NOLINT(google-explicit-constructor)
  Reply(Response head, std::shared_ptr<BodyStream> body)
      : response(std::move(head)), stream(std::move(body)) {}

  Response response;
  std::shared_ptr<BodyStream> stream;
};

}  // namespace ror::gateway::http
