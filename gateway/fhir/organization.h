#pragma once

// An entité juridique as the ANS ROR guide's Organization (profile ror-organization): its FINESS,
// SIREN and national structure identifiers, raison sociale, statut juridique (J199: FINESS's
// TRE_R72), address and telephone; the top of its tree, part of nothing.
// An établissement géographique as one too:
// its FINESS, SIRET and national structure identifiers, name, category (J55), address and
// telecoms, linked to its entité juridique by partOf. An organisation interne (OI: pôle, service,
// UF, unité élémentaire) is one too: its identifiantOI, name, type (J203), MSSanté box, linked to
// its EG (or parent OI) by partOf.

#include <string>

#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "nlohmann/json.hpp"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/gateway_directory.pb.h"

namespace ror::gateway::fhir {

// The FINESS identifier system (TRE_G07, the ANS's structure identifier types).
inline constexpr char kFinessSystem[] = "http://finess.sante.gouv.fr";
inline constexpr char kSiretSystem[] = "http://sirene.fr";  // SIRET (EG) and SIREN (EJ)
// identifiantOI (TRE_R345 #42).
inline constexpr char kOiSystem[] = "https://oi.esante.gouv.fr";

// `region` is the J237 code of its région (the meta tag); `updated_at` its last change here.
nlohmann::json OrganizationOfEtablissement(const v1::EtablissementFiche& fiche,
                                           const std::string& region, absl::Time updated_at,
                                           const nomenclature::Nomenclatures& codes);

// `region` is the J237 code of its région; `updated_at` its last change here.
nlohmann::json OrganizationOfEntiteJuridique(const v1::EntiteJuridiqueFiche& fiche,
                                             const std::string& region, absl::Time updated_at,
                                             const nomenclature::Nomenclatures& codes);

// `region` is its EG's.
nlohmann::json OrganizationOfOi(const v1::gateway::DirectoryOrganisation& oi,
                                const std::string& region,
                                const nomenclature::Nomenclatures& codes);

}  // namespace ror::gateway::fhir
