#pragma once

// The ES256 keys access tokens are signed with, kept as PEM files (mode 0600) under
// <data_dir>/keys/, named "<kid>.pem" where the kid starts with the key's creation time in Unix
// seconds. The newest key signs; it is replaced once older than `rotation` (checked whenever a
// token is signed, so no timer is needed) or on Rotate(). A retired key stays published in the
// JWKS until every token it signed has expired (`retention` after a newer key replaced it), then
// its file is deleted. Thread-safe.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/authz/es256_key.h"
#include "libs/common/clock.h"

namespace ror::auth::app {

struct KeyRingOptions {
  std::filesystem::path dir;
  absl::Duration rotation = absl::Hours(24);
  // The access-token lifetime plus the verifiers' clock leeway.
  absl::Duration retention = absl::Minutes(6);
};

class KeyRing {
 public:
  // Loads the keys of `options.dir` (created 0700 if absent) and makes one if none is current.
  static absl::StatusOr<std::unique_ptr<KeyRing>> Open(KeyRingOptions options, const Clock& clock);

  // The key to sign with now (rotated first when due).
  absl::StatusOr<authz::Es256Key> SigningKey();
  // A new signing key now; returns its kid.
  absl::StatusOr<std::string> Rotate();
  // {"keys":[…]}: the signing key and the retired ones still needed, public parts only.
  std::string JwksJson();

 private:
  struct Entry {
    absl::Time created = absl::InfinitePast();
    authz::Es256Key key;
  };
  KeyRing(KeyRingOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}
  absl::Status Load();
  absl::StatusOr<std::string> RotateLocked();  // mu_ held
  void PruneLocked();                          // mu_ held

  const KeyRingOptions options_;
  const Clock& clock_;
  std::mutex mu_;
  std::vector<Entry> keys_;  // oldest first; guarded by mu_
};

}  // namespace ror::auth::app
