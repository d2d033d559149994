#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/oidc/http_client.h"
#include "libs/jose/jwk.h"

namespace ror::oidc {

using KeySet = std::shared_ptr<const std::vector<jose::PublicKey>>;

// The provider's signing keys, fetched from its jwks_uri and kept until Refresh() (called when a
// token names a key id not in the set: the provider has rotated its keys). Thread-safe.
class JwksCache {
 public:
  JwksCache(HttpClient& http, std::string jwks_uri, absl::Duration timeout);

  // The cached keys, fetched first if never fetched.
  absl::StatusOr<KeySet> Keys();
  // Fetches the keys again and replaces the cached set; the old set stays on failure.
  absl::StatusOr<KeySet> Refresh();
  // How many times the JWKS was fetched (successfully or not).
  int fetches() const;

 private:
  HttpClient& http_;
  const std::string jwks_uri_;
  const absl::Duration timeout_;
  mutable absl::Mutex mu_;
  KeySet keys_ ABSL_GUARDED_BY(mu_);
  int fetches_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace ror::oidc
