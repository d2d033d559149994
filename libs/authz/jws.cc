#include "libs/authz/jws.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/authz/base64url.h"

namespace ror::authz {
namespace {

absl::StatusOr<nlohmann::json> DecodeObject(absl::string_view part, absl::string_view name) {
  std::optional<std::string> bytes = Base64UrlDecode(part);
  if (!bytes.has_value()) {
    return absl::UnauthenticatedError(absl::StrCat("jeton : ", name, " n'est pas en base64url"));
  }
  nlohmann::json value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) {
    return absl::UnauthenticatedError(absl::StrCat("jeton : ", name, " n'est pas un objet JSON"));
  }
  return value;
}

}  // namespace

absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token) {
  // An access token is well under 8 KiB; a larger one is refused before any parsing.
  if (token.size() > 8192) return absl::UnauthenticatedError("jeton : trop long");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) {
    return absl::UnauthenticatedError("jeton : trois parties séparées par '.' attendues");
  }
  CompactJws jws;
  auto header = DecodeObject(parts[0], "l'en-tête");
  if (!header.ok()) return header.status();
  auto payload = DecodeObject(parts[1], "le contenu");
  if (!payload.ok()) return payload.status();
  std::optional<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature.has_value()) {
    return absl::UnauthenticatedError("jeton : la signature n'est pas en base64url");
  }
  jws.header = *std::move(header);
  jws.payload = *std::move(payload);
  jws.signing_input = absl::StrCat(parts[0], ".", parts[1]);
  jws.signature = *std::move(signature);
  return jws;
}

std::string SigningInput(const nlohmann::json& header, const nlohmann::json& payload) {
  // A display name with invalid UTF-8 must not throw: it is replaced, not refused, here.
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  return absl::StrCat(Base64UrlEncode(header.dump(-1, ' ', false, kReplace)), ".",
                      Base64UrlEncode(payload.dump(-1, ' ', false, kReplace)));
}

}  // namespace ror::authz
