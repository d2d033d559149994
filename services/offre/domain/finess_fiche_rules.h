#pragma once

// What the fiches FINESS gives (an établissement géographique's, an entité juridique's) share:
// how they are cleaned, checked field by field, and when a new import replaces the known one.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "libs/common/field_violations.h"

namespace ror::offre::domain {

// Every string field of `fiche` without the blanks around it.
void TrimStringFields(google::protobuf::Message& fiche);

// Violations are named "fiche.<field>"; `label` names the field for a person ("la commune").
void CheckFicheText(FieldViolations& v, absl::string_view field, absl::string_view label,
                    const std::string& value, bool required);
// Exactly `count` digits, when given.
void CheckFicheDigits(FieldViolations& v, absl::string_view field, absl::string_view label,
                      const std::string& value, size_t count);
// A valid YYYY-MM-DD date, when given.
void CheckFicheDate(FieldViolations& v, absl::string_view field, absl::string_view label,
                    const std::string& value);

// Whether importing `incoming` over `known` records a change. Not when FINESS's update date says
// it is older (an older extract never undoes a newer one), nor when it is identical.
bool ReplacesFiche(const google::protobuf::Message& known, const std::string& known_date,
                   const google::protobuf::Message& incoming, const std::string& incoming_date);

}  // namespace ror::offre::domain
