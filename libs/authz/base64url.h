#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::authz {

// Base64url without padding (RFC 7515 §2), as JWS and JWK use it.
std::string Base64UrlEncode(absl::string_view bytes);
// nullopt when `text` is not base64url (padding, '+', '/' or other characters are refused).
std::optional<std::string> Base64UrlDecode(absl::string_view text);

}  // namespace ror::authz
