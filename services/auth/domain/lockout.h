#pragma once

// Back-off after failed logins: a few free failures, then a lock that doubles with each further
// failure, up to a ceiling. A successful login resets the count.

#include "absl/time/time.h"

namespace ror::auth::domain {

struct LockoutPolicy {
  int free_failures = 4;                         // the 5th consecutive failure locks
  absl::Duration first_lock = absl::Minutes(1);  // after the 5th
  absl::Duration max_lock = absl::Hours(1);      // ceiling of the doubling
};

// Until when an account is locked after its `consecutive_failures`-th failure at `at`;
// InfinitePast when that failure does not lock.
absl::Time LockedUntil(const LockoutPolicy& policy, int consecutive_failures, absl::Time at);

}  // namespace ror::auth::domain
