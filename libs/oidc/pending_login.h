#pragma once

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"

namespace ror::oidc {

// What the relying party remembers between sending a browser to the provider and its return.
struct PendingLogin {
  std::string state = "";          // sent in the authorization request, returned with the code
  std::string nonce = "";          // must come back inside the ID token
  std::string code_verifier = "";  // PKCE secret, sent only to the token endpoint
  std::string redirect_uri = "";   // the token request must repeat it
  absl::Time created_at = absl::InfinitePast();
};

// Pending logins by state, in memory. Each is taken once, within `ttl` of its creation: a state
// (and so its nonce) replayed or late is refused. At most `max_entries` wait at once, so browsers
// that never come back cannot fill memory. Thread-safe.
class PendingLoginStore {
 public:
  static constexpr absl::Duration kDefaultTtl = absl::Minutes(10);
  static constexpr size_t kDefaultMaxEntries = 100'000;

  explicit PendingLoginStore(const Clock& clock, absl::Duration ttl = kDefaultTtl,
                             size_t max_entries = kDefaultMaxEntries);

  // ALREADY_EXISTS for a state already pending; RESOURCE_EXHAUSTED when full.
  absl::Status Put(PendingLogin login);
  // The login of `state`, removed. UNAUTHENTICATED when unknown, already taken, or expired.
  absl::StatusOr<PendingLogin> Take(const std::string& state);

  size_t size() const;

 private:
  void DropExpiredLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Clock& clock_;
  const absl::Duration ttl_;
  const size_t max_entries_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, PendingLogin> by_state_ ABSL_GUARDED_BY(mu_);
};

}  // namespace ror::oidc
