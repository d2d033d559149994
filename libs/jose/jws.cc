#include "libs/jose/jws.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/jose/base64url.h"

namespace ror::jose {
namespace {

// The parts of a JWS as the refusals name them.
enum class Part { kHeader, kPayload, kSignature };

absl::string_view Name(Part part, Language language) {
  switch (part) {
    case Part::kHeader:
      return language == Language::kFrench ? "l'en-tête" : "the JWS header";
    case Part::kPayload:
      return language == Language::kFrench ? "le contenu" : "the JWS payload";
    case Part::kSignature:
      return language == Language::kFrench ? "la signature" : "the JWS signature";
  }
  return "";
}

absl::Status Refuse(const JwsParseOptions& options, absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat(options.message_prefix, why));
}

absl::Status NotBase64Url(const JwsParseOptions& options, Part part) {
  return Refuse(options,
                absl::StrCat(Name(part, options.language), options.language == Language::kFrench
                                                               ? " n'est pas en base64url"
                                                               : " is not base64url"));
}

absl::StatusOr<nlohmann::json> DecodeObject(absl::string_view text, Part part,
                                            const JwsParseOptions& options) {
  const std::optional<std::string> bytes = Base64UrlDecode(text);
  if (!bytes) return NotBase64Url(options, part);
  // No exceptions: a parse error gives a "discarded" value, which is not an object.
  nlohmann::json value = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) {
    return Refuse(options,
                  absl::StrCat(Name(part, options.language), options.language == Language::kFrench
                                                                 ? " n'est pas un objet JSON"
                                                                 : " is not a JSON object"));
  }
  return value;
}

}  // namespace

absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token,
                                           const JwsParseOptions& options) {
  const bool french = options.language == Language::kFrench;
  if (token.size() > options.max_size) {
    return Refuse(
        options,
        french ? absl::StrCat("trop long (plus de ", options.max_size, " octets)")
               : absl::StrCat("the JWS is too long (more than ", options.max_size, " bytes)"));
  }
  const std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 3) {
    return Refuse(options, french ? "trois parties séparées par '.' attendues"
                                  : "not a compact JWS (three base64url parts separated by '.')");
  }
  auto header = DecodeObject(parts[0], Part::kHeader, options);
  if (!header.ok()) return header.status();
  auto payload = DecodeObject(parts[1], Part::kPayload, options);
  if (!payload.ok()) return payload.status();
  std::optional<std::string> signature = Base64UrlDecode(parts[2]);
  if (!signature) return NotBase64Url(options, Part::kSignature);
  return CompactJws{.header = *std::move(header),
                    .payload = *std::move(payload),
                    .signing_input = absl::StrCat(parts[0], ".", parts[1]),
                    .signature = *std::move(signature)};
}

std::string SigningInput(const nlohmann::json& header, const nlohmann::json& payload) {
  // A display name with invalid UTF-8 must not throw: it is replaced, not refused, here.
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  return absl::StrCat(Base64UrlEncode(header.dump(-1, ' ', false, kReplace)), ".",
                      Base64UrlEncode(payload.dump(-1, ' ', false, kReplace)));
}

}  // namespace ror::jose
