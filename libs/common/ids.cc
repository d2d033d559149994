#include "absl/strings/string_view.h"
#include "libs/common/ids.h"

#include <array>

namespace ror {

IdGenerator::IdGenerator(const Clock& clock) : IdGenerator(clock, std::random_device{}()) {}

IdGenerator::IdGenerator(const Clock& clock, uint64_t seed) : clock_(clock), rng_(seed) {}

std::string IdGenerator::NewId() {
  std::array<uint8_t, 16> b{};
  {
    std::lock_guard lock(mu_);
    uint64_t ms = static_cast<uint64_t>(absl::ToUnixMillis(clock_.Now()));
    if (ms <= last_ms_) {
      ms = last_ms_;
      if (++counter_ > 0xFFF) {  // rand_a exhausted: borrow the next millisecond
        ms = ++last_ms_;
        counter_ = 0;
      }
    } else {
      last_ms_ = ms;
      counter_ = rng_() & 0x3FF;  // leave head-room for increments within the millisecond
    }
    for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
    b[6] = static_cast<uint8_t>(0x70 | ((counter_ >> 8) & 0x0F));
    b[7] = static_cast<uint8_t>(counter_ & 0xFF);
    uint64_t r = rng_();
    for (int i = 8; i < 16; ++i) b[i] = static_cast<uint8_t>(r >> (8 * (i - 8)));
  }
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3F));  // RFC 9562 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

bool IsUuid(absl::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace ror
