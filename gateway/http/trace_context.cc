#include "gateway/http/trace_context.h"

#include <random>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace ror::gateway::http {
namespace {

bool IsLowerHex(absl::string_view s, size_t size) {
  if (s.size() != size) return false;
  bool non_zero = false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c) && (c < 'a' || c > 'f')) return false;
    non_zero |= c != '0';
  }
  return non_zero;
}

std::string RandomHex(size_t digits) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(digits, '0');
  uint64_t bits = 0;
  for (size_t i = 0; i < digits; ++i) {
    if (i % 16 == 0) bits = rng();
    out[i] = kHex[bits & 0xf];
    bits >>= 4;
  }
  // All zeros is invalid in a traceparent; one in 2^64 is not worth a loop.
  if (out.find_first_not_of('0') == std::string::npos) out.back() = '1';
  return out;
}

}  // namespace

std::string TraceParent::ToString() const {
  return absl::StrCat("00-", trace_id, "-", parent_id, sampled ? "-01" : "-00");
}

std::optional<TraceParent> ParseTraceParent(absl::string_view header) {
  const std::vector<absl::string_view> parts = absl::StrSplit(header, '-');
  if (parts.size() != 4 || parts[0] != "00") return std::nullopt;
  if (!IsLowerHex(parts[1], 32) || !IsLowerHex(parts[2], 16)) return std::nullopt;
  if (parts[3].size() != 2 || !absl::ascii_isxdigit(parts[3][0]) ||
      !absl::ascii_isxdigit(parts[3][1])) {
    return std::nullopt;
  }
  const int flags = std::stoi(std::string(parts[3]), nullptr, 16);
  return TraceParent{.trace_id = std::string(parts[1]),
                     .parent_id = std::string(parts[2]),
                     .sampled = (flags & 1) != 0};
}

TraceParent NextHop(const std::optional<TraceParent>& caller) {
  if (caller.has_value()) {
    return TraceParent{
        .trace_id = caller->trace_id, .parent_id = RandomHex(16), .sampled = caller->sampled};
  }
  return TraceParent{.trace_id = RandomHex(32), .parent_id = RandomHex(16), .sampled = false};
}

std::string RequestIdOf(absl::string_view header) {
  const bool usable =
      !header.empty() && header.size() <= 128 &&
      std::all_of(header.begin(), header.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  return usable ? std::string(header) : RandomHex(32);
}

}  // namespace ror::gateway::http
