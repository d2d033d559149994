#pragma once

// An établissement géographique as the ANS ROR guide's Organization (profile ror-organization):
// its FINESS, SIRET and national structure identifiers, name, category (J55), address and
// telecoms, linked to its entité juridique by partOf.

#include <string>

#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "nlohmann/json.hpp"
#include "ror/v1/etablissement_fiche.pb.h"

namespace ror::gateway::fhir {

// The FINESS identifier system (TRE_G07, the ANS's structure identifier types).
inline constexpr char kFinessSystem[] = "http://finess.sante.gouv.fr";
inline constexpr char kSiretSystem[] = "http://sirene.fr";

// `region` is the J237 code of its région (the meta tag); `updated_at` its last change here.
nlohmann::json OrganizationOfEtablissement(const v1::EtablissementFiche& fiche,
                                           const std::string& region, absl::Time updated_at,
                                           const nomenclature::Nomenclatures& codes);

}  // namespace ror::gateway::fhir
