#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace ror::authz {

// A compact JWS split into its parts, header and payload decoded as JSON objects.
struct CompactJws {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;  // "<header b64>.<payload b64>", what the signature covers
  std::string signature;      // decoded bytes
};

// UNAUTHENTICATED (with what is malformed) unless `token` is three base64url parts whose first
// two are JSON objects.
absl::StatusOr<CompactJws> ParseCompactJws(absl::string_view token);

// "<b64(header)>.<b64(payload)>" — the signing input of a new JWS.
std::string SigningInput(const nlohmann::json& header, const nlohmann::json& payload);

}  // namespace ror::authz
