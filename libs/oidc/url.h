#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace ror::oidc {

// Percent-encodes all but RFC 3986 unreserved characters (so also valid in
// application/x-www-form-urlencoded bodies).
std::string PercentEncode(absl::string_view text);

// "k1=v1&k2=v2", both sides percent-encoded.
std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields);

// `url` with `fields` appended to its query (after '?' or '&').
std::string WithQuery(absl::string_view url,
                      const std::vector<std::pair<std::string, std::string>>& fields);

// https://…, or http:// on a loopback host (127.0.0.1, [::1], localhost) for tests and local
// development. Anything else would send codes and secrets in the clear.
bool IsSecureUrl(absl::string_view url);

}  // namespace ror::oidc
