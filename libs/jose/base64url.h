#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::jose {

// Base64url without padding (RFC 7515 §2), as JWS and JWK use it.
std::string Base64UrlEncode(absl::string_view bytes);

// nullopt unless `text` is exactly what Base64UrlEncode writes for some bytes: no padding, no '+',
// '/' or whitespace, no lone last character, no non-zero unused trailing bits. Each value then has
// one spelling, so a token cannot be re-spelt into another one that verifies.
std::optional<std::string> Base64UrlDecode(absl::string_view text);

}  // namespace ror::jose
