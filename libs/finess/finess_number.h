#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace ror::finess {

// A FINESS number is 9 characters: a two-character département prefix ("01".."95", "2A"/"2B"
// for Corsica, "97" overseas), six digits, then a check digit.
//
// The check digit is the Luhn key of the first eight digits. That rule was verified against the
// 4 944 ET and EJ numbers of the reference sample (all pass; a random digit would pass one time in
// ten). For Corsican numbers the way letters enter the key is not known from the reference data,
// so their key is not checked.

// Why `number` is not a valid FINESS number, in French; empty when it is valid.
std::string FinessNumberError(absl::string_view number);

inline bool IsValidFinessNumber(absl::string_view number) {
  return FinessNumberError(number).empty();
}

// The Luhn key that completes eight digits into a FINESS number; -1 when `first_eight` is not
// eight ASCII digits.
int FinessCheckDigit(absl::string_view first_eight);

}  // namespace ror::finess
