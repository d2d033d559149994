#pragma once

// The sections of an offre's fiche filled after its creation: contacts and their telecoms,
// horaires, MSSanté addresses and the commentaire (reference §2.2). None is required; what is
// given must be well formed, and coded values must be in their lists (J220, J222, J225).

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/offre_content.pb.h"

namespace ror::offre::domain {

// J222 (TRE_R283) "Accès très restreint".
inline constexpr char kConfidentialiteTresRestreinte[] = "3";
inline constexpr size_t kCommentaireMaxLength = 2000;  // characters

// Blanks trimmed; MSSanté and e-mail domains in lower case. Then RG_EXP_039: on an unité
// sensible, every contact, telecom and MSSanté address becomes "accès très restreint" — whatever
// the request asked, so a sensitive offre can never hold a lower level.
void NormalizeFiche(v1::OffreContent& content);

// Adds to `out` a violation (fields as "<prefix>contacts[0].telecoms[1].valeur") for each broken
// rule. FAILED_PRECONDITION when a list the fiche uses is not loaded.
absl::Status CheckFiche(const v1::OffreContent& content, const nomenclature::Nomenclatures& codes,
                        absl::string_view prefix, FieldViolations& out);

// The contacts part of the two functions above, for the other fiches that have contacts (an
// organisation interne): fields as "<prefix>contacts[0].…". `tres_restreinte` applies RG_EXP_039.
void NormalizeContacts(google::protobuf::RepeatedPtrField<v1::Contact>& contacts,
                       bool tres_restreinte);
absl::Status CheckContacts(const google::protobuf::RepeatedPtrField<v1::Contact>& contacts,
                           const nomenclature::Nomenclatures& codes, absl::string_view prefix,
                           FieldViolations& out);

// "Copier le lundi sur toute la semaine": the ranges of Monday replace those of the other days.
void CopyMondayToWeek(v1::OffreContent& content);

// Whether `value` is well formed for the J225 canal `canal` (a telephone number for the
// telephones and the fax, an address for e-mail, an https/http URL for a web site…); an unknown
// canal accepts nothing.
bool IsTelecomValue(absl::string_view canal, absl::string_view value);

}  // namespace ror::offre::domain
