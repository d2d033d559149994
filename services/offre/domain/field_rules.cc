#include "services/offre/domain/field_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ror::offre::domain {
namespace {

// At most this much of what the person typed is quoted back in an error.
constexpr size_t kQuoteMax = 40;

}  // namespace

bool IsFinessFormat(absl::string_view finess) {
  if (finess.size() != 9) return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool corse = finess[0] == '2' && (finess[1] == 'A' || finess[1] == 'B');
  const size_t first_digit = corse ? 2 : 0;
  return std::all_of(finess.begin() + first_digit, finess.end(), digit);
}

void CheckFiness(absl::string_view finess, absl::string_view field, absl::string_view label,
                 FieldViolations& out) {
  if (finess.empty()) {
    out.Add(field, "required", absl::StrCat(label, " est obligatoire"));
  } else if (!IsFinessFormat(finess)) {
    out.Add(field, "format",
            absl::StrCat(label,
                         " compte 9 caractères : 9 chiffres, ou 2A/2B puis 7 chiffres en Corse (",
                         Quote(finess), " reçu)"));
  }
}

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

size_t Utf8Length(absl::string_view text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

bool HasControlCharacter(absl::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
}

std::string Quote(absl::string_view typed) {
  if (typed.size() <= kQuoteMax) return absl::StrCat("« ", typed, " »");
  size_t cut = kQuoteMax;
  while (cut > 0 && (static_cast<unsigned char>(typed[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat("« ", typed.substr(0, cut), "… »");
}

}  // namespace ror::offre::domain
