#pragma once

// Rules on single fields that several aggregates share.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"

namespace ror::offre::domain {

// 9 digits, or 2A/2B then 7 digits (Corse).
bool IsFinessFormat(absl::string_view finess);

inline constexpr absl::string_view kFinessEgLabel =
    "le numéro FINESS de l'établissement géographique";

// Adds to `out` a violation on `field` when `finess` is empty (rule "required") or not a FINESS
// number (rule "format"); `label` names the number for a person ("le numéro FINESS de l'entité
// juridique").
void CheckFiness(absl::string_view finess, absl::string_view field, absl::string_view label,
                 FieldViolations& out);

// `text` without the blanks around it.
std::string Trimmed(absl::string_view text);

// Code points of UTF-8 text.
size_t Utf8Length(absl::string_view text);

// Line breaks, tabs and other control characters have no place in a name or an address.
bool HasControlCharacter(absl::string_view text);

// What the person typed, between « », cut after a few words so that an error stays readable.
std::string Quote(absl::string_view typed);

}  // namespace ror::offre::domain
