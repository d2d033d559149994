#pragma once

// Random secrets (refresh tokens, reset tokens, client secrets) and the SHA-256 they are stored
// as. A token names what it opens: "<id>.<secret>", so the service finds the session or account
// without an index, and only the hash of the whole token is ever kept.

#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace ror::auth::app {

// libsodium's start-up; safe to call many times. INTERNAL when the library cannot start.
absl::Status InitSodium();

// 32 random bytes (randombytes_buf), base64url without padding (43 characters).
std::string NewSecret();

// SHA-256 (crypto_hash_sha256) of `text`, base64url without padding.
std::string Sha256(absl::string_view text);

// "<id>.<secret>" and back; nullopt unless the token has exactly that shape.
std::string JoinToken(absl::string_view id, absl::string_view secret);
std::optional<std::pair<std::string, std::string>> SplitToken(absl::string_view token);

}  // namespace ror::auth::app
