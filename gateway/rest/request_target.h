#pragma once

// The parts of a request target (path and query), percent-decoded, and a path matched against a
// route's pattern.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::gateway::rest {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Target {
  std::string path;  // as sent: MatchPath decodes each value
  Params query;      // in order, decoded ('+' is a space)
};

// INVALID_ARGUMENT naming the part when an escape is malformed.
absl::StatusOr<Target> ParseTarget(absl::string_view target);

// The values of the pattern's {fields}, decoded, when `path` matches it (one non-empty segment
// each, "%2F" kept inside its segment).
std::optional<Params> MatchPath(absl::string_view pattern, absl::string_view path);

// `text` as a query component: unreserved characters kept, every other byte %-escaped (what
// ParseTarget decodes).
std::string QueryEscaped(absl::string_view text);

// The {fields} of a pattern, in order.
std::vector<std::string> PathFields(absl::string_view pattern);

}  // namespace ror::gateway::rest
