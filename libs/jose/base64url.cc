#include "libs/jose/base64url.h"

#include "absl/strings/escaping.h"

namespace ror::jose {

std::string Base64UrlEncode(absl::string_view bytes) { return absl::WebSafeBase64Escape(bytes); }

std::optional<std::string> Base64UrlDecode(absl::string_view text) {
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(text, &bytes)) return std::nullopt;
  // absl is lenient (padding, non-zero trailing bits); re-encoding tells the one canonical
  // spelling from the others, whatever absl happened to accept.
  if (absl::WebSafeBase64Escape(bytes) != text) return std::nullopt;
  return bytes;
}

}  // namespace ror::jose
