#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace ror::jose {

// A compact JWS (RFC 7515 §7.1) split into its parts; header and payload are JSON objects.
struct CompactJws {
  nlohmann::json header = nlohmann::json::object();
  nlohmann::json payload = nlohmann::json::object();
  std::string signing_input = "";  // "<header b64>.<payload b64>", what the signature covers
  std::string signature = "";      // decoded bytes
};

// The language of ParseCompactJws's refusals: the caller knows who reads them (access tokens are
// refused to French-speaking users, ID token refusals go to the logs).
enum class Language { kEnglish, kFrench };

struct JwsParseOptions {
  // Starts every refusal and names the token: "jeton : ", "id_token: ".
  absl::string_view message_prefix;
  Language language;
  // Longer tokens are refused before anything is decoded.
  size_t max_size;
};

// UNAUTHENTICATED, saying what is malformed, unless `token` is at most `options.max_size` bytes of
// three base64url parts whose first two are JSON objects. Nothing is trusted yet: the signature is
// not checked here.
absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token, const JwsParseOptions& options);

// "<b64(header)>.<b64(payload)>": the signing input of a new JWS.
std::string SigningInput(const nlohmann::json& header, const nlohmann::json& payload);

}  // namespace ror::jose
