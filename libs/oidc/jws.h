#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace ror::oidc {

// A compact JWS (RFC 7515 §7.1) split into its parts; header and payload are JSON objects.
// (libs/authz/jws.h does the same for access tokens; see base64url.h.)
struct CompactJws {
  nlohmann::json header = nlohmann::json::object();
  nlohmann::json payload = nlohmann::json::object();
  std::string signing_input = "";  // "<header b64>.<payload b64>", what the signature covers
  std::string signature = "";      // decoded bytes
};

// UNAUTHENTICATED, saying what is malformed, unless `token` is three base64url parts whose first
// two are JSON objects. Nothing is trusted yet: the signature is not checked here.
absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token);

}  // namespace ror::oidc
