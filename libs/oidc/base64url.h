#pragma once

// Base64url without padding (RFC 7515 §2). libs/authz/base64url.h has the same two functions in
// ror::authz; this copy exists because that one had no build target yet when this library was
// written. Keep one of the two once both are in.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::oidc {

std::string Base64UrlEncode(absl::string_view bytes);
// nullopt unless `text` is unpadded base64url whose unused trailing bits are zero ('=', '+', '/',
// whitespace and a lone last character are refused), so each value has one spelling.
std::optional<std::string> Base64UrlDecode(absl::string_view text);

}  // namespace ror::oidc
