#include "services/auth/domain/text_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::auth::domain {
namespace {

bool HasControlCharacter(absl::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::string TrimmedEmail(absl::string_view email) {
  return std::string(absl::StripAsciiWhitespace(email));
}

std::string EmailKey(absl::string_view email) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
}

bool IsEmailFormat(absl::string_view email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  if (HasControlCharacter(email) ||
      std::any_of(email.begin(), email.end(), [](char c) { return c == ' '; })) {
    return false;
  }
  const size_t at = email.find('@');
  if (at == absl::string_view::npos || at == 0 ||
      email.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = email.substr(at + 1);
  const size_t dot = domain.rfind('.');
  return dot != absl::string_view::npos && dot > 0 && dot + 1 < domain.size();
}

void CheckEmail(absl::string_view field, absl::string_view email, FieldViolations& v) {
  const std::string trimmed = TrimmedEmail(email);
  if (trimmed.empty()) {
    v.Add(field, "required", "l'adresse e-mail est obligatoire");
  } else if (trimmed.size() > kMaxEmailLength) {
    v.Add(field, "max_length",
          absl::StrCat("l'adresse e-mail ne doit pas dépasser ", kMaxEmailLength, " caractères"));
  } else if (!IsEmailFormat(trimmed)) {
    v.Add(field, "format", "l'adresse e-mail doit être de la forme nom@domaine.fr");
  }
}

void CheckText(absl::string_view field, absl::string_view label, absl::string_view value,
               size_t max_length, bool required, FieldViolations& v) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(value);
  if (trimmed.empty()) {
    if (required) v.Add(field, "required", absl::StrCat(label, " est obligatoire"));
    return;
  }
  if (CharacterCount(trimmed) > max_length) {
    v.Add(field, "max_length",
          absl::StrCat(label, " ne doit pas dépasser ", max_length, " caractères"));
  }
  if (HasControlCharacter(trimmed)) {
    v.Add(field, "no_control_characters",
          absl::StrCat(label, " ne doit contenir ni retour à la ligne ni caractère de contrôle"));
  }
}

size_t CharacterCount(absl::string_view text) {
  // Every byte but UTF-8 continuation bytes (10xxxxxx) starts a character.
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace ror::auth::domain
