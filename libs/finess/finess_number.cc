#include "libs/finess/finess_number.h"

#include "absl/strings/str_cat.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {

int FinessCheckDigit(absl::string_view first_eight) {
  if (!IsDigits(first_eight, 8)) return -1;
  // Luhn: from the right of the payload, every other digit starting with the rightmost is doubled
  // (digits of the product summed); the key brings the total to a multiple of ten.
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    int digit = first_eight[7 - i] - '0';
    if (i % 2 == 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - sum % 10) % 10;
}

std::string FinessNumberError(absl::string_view number) {
  if (number.empty()) return "numéro FINESS absent";
  if (number.size() != 9) {
    return absl::StrCat("numéro FINESS « ", number, " » : 9 caractères attendus, ", number.size(),
                        " trouvés");
  }
  bool corsica = number.substr(0, 2) == "2A" || number.substr(0, 2) == "2B";
  absl::string_view digits = number.substr(corsica ? 2 : 0);
  if (!IsDigits(digits, digits.size())) {
    return absl::StrCat("numéro FINESS « ", number,
                        " » : seuls des chiffres sont admis (2A/2B en tête pour la Corse)");
  }
  if (!corsica && FinessCheckDigit(number.substr(0, 8)) != number[8] - '0') {
    return absl::StrCat("numéro FINESS « ", number, " » : clé de contrôle invalide");
  }
  return "";
}

}  // namespace ror::finess
