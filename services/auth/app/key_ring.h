#pragma once

// The ES256 keys access tokens are signed with, kept as PEM files (mode 0600) under
// <data_dir>/keys/, named "<kid>.pem" where the kid starts with the time the key starts signing,
// in Unix seconds. A scheduled rotation publishes the next key `publish_ahead` before it signs, so
// that every verifier (polling the JWKS) knows it before it meets a token it signed; RotateKeys
// (a suspected leak) switches at once. Rotation is checked whenever a token is signed, so no timer
// is needed. A retired key stays published until every token it signed has expired (`retention`
// after the next key started signing), then its file is deleted. Thread-safe.

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
  // Longer than the verifiers' JWKS poll interval (server::SecurityOptions, 10 s by default).
  absl::Duration publish_ahead = absl::Minutes(1);
  // The access-token lifetime plus the verifiers' clock leeway.
  absl::Duration retention = absl::Minutes(6);
};

class KeyRing {
 public:
  // Loads the keys of `options.dir` (created 0700 if absent) and makes one if none exists.
  static absl::StatusOr<std::unique_ptr<KeyRing>> Open(KeyRingOptions options, const Clock& clock);

  // The key to sign with now (the next one scheduled first when due).
  absl::StatusOr<authz::Es256Key> SigningKey();
  // A new key that signs from now on; returns its kid.
  absl::StatusOr<std::string> Rotate();
  // {"keys":[…]}: the signing key, the next one and the retired ones still needed, public parts.
  std::string JwksJson();

 private:
  struct Entry {
    absl::Time signs_from = absl::InfinitePast();
    authz::Es256Key key;
  };
  KeyRing(KeyRingOptions options, const Clock& clock)
      : options_(std::move(options)), clock_(clock) {}
  absl::Status Load();
  // Makes a key that signs from `signs_from`. mu_ held.
  absl::StatusOr<std::string> AddKeyLocked(absl::Time signs_from);
  absl::Status ScheduleLocked();  // mu_ held
  void PruneLocked();             // mu_ held

  const KeyRingOptions options_;
  const Clock& clock_;
  std::mutex mu_;
  std::vector<Entry> keys_;  // by signs_from, oldest first; guarded by mu_
};

}  // namespace ror::auth::app
