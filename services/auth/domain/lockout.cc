#include "services/auth/domain/lockout.h"

#include <algorithm>

namespace ror::auth::domain {

absl::Time LockedUntil(const LockoutPolicy& policy, int consecutive_failures, absl::Time at) {
  if (consecutive_failures <= policy.free_failures) return absl::InfinitePast();
  absl::Duration lock = policy.first_lock;
  for (int extra = consecutive_failures - policy.free_failures - 1; extra > 0; --extra) {
    lock = std::min(lock * 2, policy.max_lock);
    if (lock == policy.max_lock) break;
  }
  return at + std::min(lock, policy.max_lock);
}

}  // namespace ror::auth::domain
