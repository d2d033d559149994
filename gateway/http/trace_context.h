#pragma once

// W3C Trace Context (traceparent) and the request id of an HTTP request: read from the caller when
// well formed, made up otherwise, and passed on to every service call (gRPC metadata
// "traceparent" and "x-correlation-id").

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::gateway::http {

struct TraceParent {
  std::string trace_id;   // 32 lowercase hex digits, not all zero
  std::string parent_id;  // 16 lowercase hex digits, not all zero
  bool sampled = false;

  // "00-<trace_id>-<parent_id>-<flags>"
  std::string ToString() const;
};

// The caller's traceparent, when it follows version 00's format; nullopt otherwise (a malformed
// header is ignored, as the specification asks, not rejected).
std::optional<TraceParent> ParseTraceParent(absl::string_view header);

// The traceparent of this hop: the caller's trace with a new span id of ours, or a new trace.
TraceParent NextHop(const std::optional<TraceParent>& caller);

// The caller's X-Request-Id when it is 1–128 visible ASCII characters; a new random id otherwise.
std::string RequestIdOf(absl::string_view header);

}  // namespace ror::gateway::http
