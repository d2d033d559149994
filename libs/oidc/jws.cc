#include "libs/oidc/jws.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/oidc/base64url.h"

namespace ror::oidc {
namespace {

absl::StatusOr<nlohmann::json> DecodeObject(absl::string_view part, absl::string_view name) {
  const std::optional<std::string> bytes = Base64UrlDecode(part);
  if (!bytes) {
    return absl::UnauthenticatedError(
        absl::StrCat("id_token: the JWS ", name, " is not base64url"));
  }
  // No exceptions: a parse error gives a "discarded" value.
  nlohmann::json value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) {
    return absl::UnauthenticatedError(
        absl::StrCat("id_token: the JWS ", name, " is not a JSON object"));
  }
  return value;
}

}  // namespace

absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token) {
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) {
    return absl::UnauthenticatedError(
        "id_token: not a compact JWS (three base64url parts separated by '.')");
  }
  CompactJws jws;
  auto header = DecodeObject(parts[0], "header");
  if (!header.ok()) return header.status();
  auto payload = DecodeObject(parts[1], "payload");
  if (!payload.ok()) return payload.status();
  const std::optional<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature) return absl::UnauthenticatedError("id_token: the JWS signature is not base64url");
  jws.header = *std::move(header);
  jws.payload = *std::move(payload);
  jws.signing_input = absl::StrCat(parts[0], ".", parts[1]);
  jws.signature = *signature;
  return jws;
}

}  // namespace ror::oidc
