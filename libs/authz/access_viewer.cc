#include "libs/authz/access_viewer.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ror::authz {
namespace {

// How far a role's grant reaches.
enum class Reach {
  kEverywhere,           // whatever the grant's région says
  kOwnRegion,            // the grant's région; an empty one reaches nothing
  kNationalOrOwnRegion,  // empty région: national; else that région
  kOwnEtablissements,    // the grant's finess_eg, and every EG of its finess_ej
};

struct RoleReach {
  Role role = Role::kResponsableOffre;
  Reach reach = Reach::kOwnEtablissements;
};

// One row per role (principal.h). Who among them sees an EG's data as profile 1, unités sensibles
// included.
constexpr RoleReach kRoleReaches[] = {
    {Role::kRegulateur, Reach::kEverywhere},         // SAMU: every offer, sensitive ones included
    {Role::kGestionnaireCrise, Reach::kEverywhere},  // crisis cell: reads everything
    // Principal's grant says "empty région: national", but a national référent ROR does not exist:
    // conservatively, a référent without a région reaches nothing.
    {Role::kReferentRor, Reach::kOwnRegion},
    {Role::kAdministrateur, Reach::kNationalOrOwnRegion},
    {Role::kResponsableOffre, Reach::kOwnEtablissements},
};

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return !value.empty() && std::find(values.begin(), values.end(), value) != values.end();
}

bool Reaches(Reach reach, const Grant& grant, const EtablissementScope& scope) {
  switch (reach) {
    case Reach::kEverywhere:
      return true;
    case Reach::kOwnRegion:
      return !grant.region.empty() && grant.region == scope.region;
    case Reach::kNationalOrOwnRegion:
      return grant.region.empty() || grant.region == scope.region;
    case Reach::kOwnEtablissements:
      return Contains(grant.finess_eg, scope.finess_eg) ||
             Contains(grant.finess_ej, scope.finess_ej);
  }
  return false;
}

bool Covers(const Grant& grant, const EtablissementScope& scope) {
  const auto* row = std::find_if(std::begin(kRoleReaches), std::end(kRoleReaches),
                                 [&](const RoleReach& r) { return r.role == grant.role; });
  return row != std::end(kRoleReaches) && Reaches(row->reach, grant, scope);
}

}  // namespace

bool CoversEtablissement(const Principal& principal, const EtablissementScope& scope) {
  if (principal.kind != PrincipalKind::kUser) return false;
  return std::any_of(principal.grants.begin(), principal.grants.end(),
                     [&](const Grant& grant) { return Covers(grant, scope); });
}

Viewer ViewerFor(const Principal& principal, const EtablissementScope& scope) {
  switch (principal.kind) {
    case PrincipalKind::kAnonymous:
      return kOpenData;
    case PrincipalKind::kUser:
      if (CoversEtablissement(principal, scope)) {
        return Viewer{.profile = 1, .sees_unites_sensibles = true};
      }
      return Viewer{.profile = 2, .sees_unites_sensibles = false};
    case PrincipalKind::kApiClient: {
      const int profile = principal.access_profile;
      if (profile < kMinProfile || profile > kMaxProfile) return kOpenData;
      return Viewer{.profile = profile, .sees_unites_sensibles = profile == 1};
    }
  }
  return kOpenData;
}

}  // namespace ror::authz
