#include "services/auth/app/password_hasher.h"

#include <sodium.h>

#include "services/auth/app/secrets.h"

namespace ror::auth::app {

Argon2Cost Argon2Cost::Fastest() {
  return Argon2Cost{.opslimit = crypto_pwhash_OPSLIMIT_MIN, .memlimit = crypto_pwhash_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(Argon2Cost cost) : cost_(cost) {
  (void)InitSodium();
  absl::StatusOr<std::string> dummy = Hash(NewSecret());
  dummy_hash_ = dummy.ok() ? *std::move(dummy) : std::string();
}

absl::StatusOr<std::string> PasswordHasher::Hash(absl::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), cost_.opslimit, cost_.memlimit) !=
      0) {
    return absl::InternalError("password hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool PasswordHasher::Verify(absl::string_view hash, absl::string_view password) const {
  const bool known = !hash.empty();
  const std::string stored(known ? hash : absl::string_view(dummy_hash_));
  const bool matches =
      crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
  return known && matches;
}

}  // namespace ror::auth::app
