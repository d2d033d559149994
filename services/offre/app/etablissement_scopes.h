#pragma once

// Where an EG stands for access decisions (authz::EtablissementScope): its FINESS number, its EJ
// and the région of its département, from the FINESS fiche the offre service imported.

#include "absl/strings/string_view.h"
#include "libs/authz/principal.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "services/offre/app/etablissement_handler.h"

namespace ror::offre::app {

// The scope of an imported fiche. The région comes from the département (libs/authz
// access_regions.h), or from the commune's COG code when FINESS gave no département.
authz::EtablissementScope ScopeOf(const v1::EtablissementFiche& fiche);

// The scope of an EG of which only the number is known.
authz::EtablissementScope ScopeOfNumber(absl::string_view finess_eg);

// Looks EGs up in the store.
class EtablissementScopes {
 public:
  explicit EtablissementScopes(EtablissementHandler& etablissements)
      : etablissements_(etablissements) {}

  // The scope of `finess_eg`; for an EG not imported (or unreadable) only its number is known,
  // so only grants naming that EG, and national ones, reach it.
  authz::EtablissementScope Of(absl::string_view finess_eg);

 private:
  EtablissementHandler& etablissements_;
};

}  // namespace ror::offre::app
