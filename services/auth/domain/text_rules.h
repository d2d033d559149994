#pragma once

// Rules on the text fields people type into the auth service's forms (e-mail, names, motif).

#include <string>

#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"

namespace ror::auth::domain {

inline constexpr size_t kMaxEmailLength = 254;  // RFC 5321 path limit
inline constexpr size_t kMaxNameLength = 100;
inline constexpr size_t kMaxMotifLength = 1000;

// The e-mail as typed, without surrounding blanks.
std::string TrimmedEmail(absl::string_view email);
// The key e-mails are unique by: trimmed, lower-cased (ASCII; the domain part is case-insensitive
// and no provider we know treats the local part by case).
std::string EmailKey(absl::string_view email);
// "local@domain.tld", no blank nor control character, at most kMaxEmailLength bytes.
bool IsEmailFormat(absl::string_view email);

// Adds the violations of `email` at `field` (required, format, max_length).
void CheckEmail(absl::string_view field, absl::string_view email, FieldViolations& v);
// Adds the violations of a person's text at `field`: required (when asked), max_length,
// no control characters. `label` names it in French ("le prénom").
void CheckText(absl::string_view field, absl::string_view label, absl::string_view value,
               size_t max_length, bool required, FieldViolations& v);

// Number of UTF-8 code points (what a person counts as characters).
size_t CharacterCount(absl::string_view text);

}  // namespace ror::auth::domain
