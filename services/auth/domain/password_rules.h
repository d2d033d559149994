#pragma once

// The password policy (checked before hashing: the decider only ever sees the hash).

#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"

namespace ror::auth::domain {

inline constexpr size_t kMinPasswordLength = 12;   // characters
inline constexpr size_t kMaxPasswordLength = 128;  // characters; bounds the hashing work
inline constexpr int kMinCharacterClasses = 3;     // of: lower case, upper case, digit, other

// Adds to `v`, at `field`, every rule `password` breaks: "required", "min_length", "max_length",
// "character_classes", "contains_email" (the local part of `email`, case-insensitively).
void CheckPassword(absl::string_view field, absl::string_view password, absl::string_view email,
                   FieldViolations& v);

}  // namespace ror::auth::domain
