#pragma once

// Per-client rate limits: a token bucket per key (a verified client or user, else the caller's
// address). A request over the limit is refused with 429 and how long to wait (Retry-After).

#include <mutex>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"

namespace ror::gateway::http {

struct RateLimit {
  double per_second = 50;  // sustained
  double burst = 100;      // at once, after a quiet while
};

class RateLimiter {
 public:
  // At most `max_keys` buckets are kept: beyond, the full (idle) ones are forgotten.
  explicit RateLimiter(RateLimit limit, size_t max_keys = 100000)
      : limit_(limit), max_keys_(max_keys) {}

  // nullopt when `key` may make a request at `now` (and it is counted); otherwise how long until
  // it may.
  std::optional<absl::Duration> Take(const std::string& key, absl::Time now);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time updated;
  };
  void ForgetIdle(absl::Time now);  // mu_ held

  const RateLimit limit_;
  const size_t max_keys_;
  std::mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_;  // guarded by mu_
  absl::Time last_sweep_ = absl::InfinitePast();      // guarded by mu_
};

}  // namespace ror::gateway::http
