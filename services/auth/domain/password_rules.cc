#include "services/auth/domain/password_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::domain {
namespace {

// A local part this short ("a", "jo") would forbid too many passwords for no gain.
constexpr size_t kMinLocalPartChecked = 3;

int CharacterClasses(absl::string_view password) {
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : password) {
    if (absl::ascii_islower(c)) {
      lower = true;
    } else if (absl::ascii_isupper(c)) {
      upper = true;
    } else if (absl::ascii_isdigit(c)) {
      digit = true;
    } else {
      other = true;  // punctuation, blanks, accented letters
    }
  }
  return int{lower} + int{upper} + int{digit} + int{other};
}

}  // namespace

void CheckPassword(absl::string_view field, absl::string_view password, absl::string_view email,
                   FieldViolations& v) {
  if (password.empty()) {
    v.Add(field, "required", "le mot de passe est obligatoire");
    return;
  }
  const size_t length = CharacterCount(password);
  if (length < kMinPasswordLength) {
    v.Add(
        field, "min_length",
        absl::StrCat("le mot de passe doit compter au moins ", kMinPasswordLength, " caractères"));
  }
  if (length > kMaxPasswordLength) {
    v.Add(field, "max_length",
          absl::StrCat("le mot de passe ne doit pas dépasser ", kMaxPasswordLength, " caractères"));
  }
  if (CharacterClasses(password) < kMinCharacterClasses) {
    v.Add(field, "character_classes",
          "le mot de passe doit mêler au moins 3 sortes de caractères parmi : minuscules, "
          "majuscules, chiffres, autres caractères");
  }
  const std::string key = EmailKey(email);
  const absl::string_view local = absl::string_view(key).substr(0, key.find('@'));
  if (local.size() >= kMinLocalPartChecked &&
      absl::StrContains(absl::AsciiStrToLower(password), local)) {
    v.Add(field, "contains_email",
          "le mot de passe ne doit pas contenir la partie de l'adresse e-mail avant l'@");
  }
}

}  // namespace ror::auth::domain
