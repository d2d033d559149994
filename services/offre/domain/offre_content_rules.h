#pragma once

// The rules on what a référent describes of an offre, step by step as the portal asks for it:
// (1) À propos, (2) Accueil et prise en charge, (3) Spécificités.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/offre_content.pb.h"

namespace ror::offre::domain {

inline constexpr size_t kNomMaxLength = 255;  // characters (code points), not bytes
inline constexpr int kLastStep = 3;

// Blanks trimmed around every text and code; empty codes dropped from lists.
v1::OffreContent NormalizeContent(v1::OffreContent content);

// Adds to `out` a violation (fields as "<prefix><name>") for each broken rule: a field required by
// steps 1..`complete_through` that is empty, a code not in its national list (whatever the step:
// a draft holds only valid codes), a name too long or with control characters. New codes may not
// be deprecated ones. FAILED_PRECONDITION when a list the content uses is not loaded.
absl::Status CheckContent(const v1::OffreContent& content, int complete_through,
                          const nomenclature::Nomenclatures& codes, absl::string_view prefix,
                          FieldViolations& out);

// The naming convention "mode de prise en charge + spécialité" ("HC Gynécologie"): when the mode
// has an abbreviation in its J19 label ("Hospitalisation complète (HC)") and the nom does not
// start with it, a suggestion in French. A warning only: the nom is the référent's choice.
std::vector<std::string> NamingWarnings(const v1::OffreContent& content,
                                        const nomenclature::Nomenclatures& codes);

}  // namespace ror::offre::domain
