#pragma once

// Argon2id password hashes (libsodium crypto_pwhash_str), with a cost chosen by the operator.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::auth::app {

struct Argon2Cost {
  // Chosen on the 2-core development machine: one hash or verification takes ~160 ms idle and
  // ~330 ms under load (the login target is 100–500 ms); a full Login RPC measured by
  // auth_service_test is in the service's report.
  uint64_t opslimit = 2;
  size_t memlimit = size_t{128} << 20;  // 128 MiB

  // libsodium's minimum (crypto_pwhash_OPSLIMIT_MIN / MEMLIMIT_MIN): for tests only.
  static Argon2Cost Fastest();
};

class PasswordHasher {
 public:
  // Hashes a dummy password once, so that checking a login for an unknown account costs the
  // same time as for a known one.
  explicit PasswordHasher(Argon2Cost cost);

  // INTERNAL when libsodium fails (out of memory).
  absl::StatusOr<std::string> Hash(absl::string_view password) const;

  // True when `password` matches `hash`. An empty `hash` (unknown account, account without a
  // password) is checked against the dummy and is false: the time spent is the same.
  bool Verify(absl::string_view hash, absl::string_view password) const;

 private:
  Argon2Cost cost_;
  std::string dummy_hash_;
};

}  // namespace ror::auth::app
