#include "services/offre/app/etablissement_scopes.h"

#include <string>

#include "libs/authz/access_regions.h"

namespace ror::offre::app {
namespace {

// The département in a COG commune code: three characters overseas ("97101"), two elsewhere
// ("81004", "2A004").
std::string DepartementOfCommune(absl::string_view code_commune) {
  if (code_commune.size() != 5) return "";
  const size_t length = code_commune.substr(0, 2) == "97" ? 3 : 2;
  return std::string(code_commune.substr(0, length));
}

}  // namespace

authz::EtablissementScope ScopeOf(const v1::EtablissementFiche& fiche) {
  authz::EtablissementScope scope = ScopeOfNumber(fiche.finess_eg());
  scope.finess_ej = fiche.finess_ej();
  scope.region = authz::RegionOfDepartement(fiche.departement());
  if (scope.region.empty()) {
    scope.region = authz::RegionOfDepartement(DepartementOfCommune(fiche.code_commune()));
  }
  return scope;
}

authz::EtablissementScope ScopeOfNumber(absl::string_view finess_eg) {
  authz::EtablissementScope scope;  // members without defaults: no designated initializer
  scope.finess_eg = std::string(finess_eg);
  return scope;
}

authz::EtablissementScope EtablissementScopes::Of(absl::string_view finess_eg) {
  absl::StatusOr<domain::EtablissementState> etablissement = etablissements_.Get(finess_eg);
  if (!etablissement.ok() || !etablissement->exists()) {
    return ScopeOfNumber(finess_eg);
  }
  return ScopeOf(etablissement->fiche);
}

}  // namespace ror::offre::app
