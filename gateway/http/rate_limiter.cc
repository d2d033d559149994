#include "gateway/http/rate_limiter.h"

#include <algorithm>

namespace ror::gateway::http {

std::optional<absl::Duration> RateLimiter::Take(const std::string& key, absl::Time now) {
  const RateLimit& limit = limit_;
  std::lock_guard lock(mu_);
  auto [it, added] = buckets_.try_emplace(key, Bucket{.tokens = limit.burst, .updated = now});
  Bucket& bucket = it->second;
  if (!added) {
    const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.updated));
    bucket.tokens = std::min(limit.burst, bucket.tokens + elapsed * limit.per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    // Beyond the bound, a sweep at most every second: a flood of new keys costs one pass a
    // second, not one per request.
    if (added && buckets_.size() > max_keys_ && now - last_sweep_ >= absl::Seconds(1)) {
      last_sweep_ = now;
      ForgetIdle(now);
    }
    return std::nullopt;
  }
  return absl::Seconds((1 - bucket.tokens) / limit.per_second);
}

void RateLimiter::ForgetIdle(absl::Time now) {
  // A bucket refilled to its burst says nothing a new one would not.
  const absl::Duration refill = absl::Seconds(limit_.burst / limit_.per_second);
  absl::erase_if(buckets_, [&](const auto& entry) { return now - entry.second.updated >= refill; });
}

}  // namespace ror::gateway::http
