#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::oidc {

// `bytes` bytes from OpenSSL's CSPRNG, base64url: state, nonce and PKCE verifiers. 32 bytes give
// 43 characters, the shortest verifier RFC 7636 §4.1 allows, and 256 bits no one guesses.
absl::StatusOr<std::string> RandomToken(size_t bytes = 32);

// PKCE S256 (RFC 7636 §4.2): base64url(SHA-256(ASCII(code_verifier))).
std::string CodeChallengeS256(absl::string_view code_verifier);

}  // namespace ror::oidc
