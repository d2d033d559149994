#pragma once

#include "absl/strings/string_view.h"
#include <mutex>
#include <random>
#include <string>

#include "libs/common/clock.h"

namespace ror {

// Time-ordered identifiers (UUIDv7, RFC 9562): sortable by creation time, so RocksDB keys built
// from them stay clustered. Monotonic within one generator even when the clock stalls.
class IdGenerator {
 public:
  explicit IdGenerator(const Clock& clock);
  IdGenerator(const Clock& clock, uint64_t seed);

  std::string NewId();

 private:
  const Clock& clock_;
  std::mutex mu_;
  std::mt19937_64 rng_;
  uint64_t last_ms_ = 0;
  uint64_t counter_ = 0;  // 12-bit rand_a, bumped when two ids share a millisecond
};

// True when `id` is a canonical lower-case UUID text (8-4-4-4-12 hex digits).
bool IsUuid(absl::string_view id);

}  // namespace ror
