#pragma once

// Checks shared by both FINESS formats. Each Check* function returns why the value breaks the rule,
// in French and naming the field, or an empty string when it is fine.

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace ror::finess {

// "YYYY-MM-DD" naming a real day; nullopt otherwise.
std::optional<absl::CivilDay> ParseIsoDate(absl::string_view text);

// True when `text` is exactly `count` ASCII digits.
bool IsDigits(absl::string_view text, size_t count);

// FINESS number in `field`.
std::string CheckFiness(absl::string_view field, absl::string_view value);

// An optional date: empty is fine and leaves `*out` empty.
std::string CheckDate(absl::string_view field, absl::string_view value,
                      std::optional<absl::CivilDay>* out);

// `count` digits (e.g. categetab: 3).
std::string CheckDigits(absl::string_view field, absl::string_view value, size_t count);

// A decimal number; parsed into `*out`. Rejects NaN and infinities.
std::string CheckNumber(absl::string_view field, absl::string_view value, double* out);

// WGS84 degrees.
std::string CheckLatitude(double latitude);
std::string CheckLongitude(double longitude);

// Collects the non-empty messages of a record's checks into one reason.
class Problems {
 public:
  void Add(std::string problem) {
    if (!problem.empty()) problems_.push_back(std::move(problem));
  }
  bool empty() const { return problems_.empty(); }
  std::string Join() const;  // "a ; b"

 private:
  std::vector<std::string> problems_;
};

}  // namespace ror::finess
