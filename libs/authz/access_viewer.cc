#include "libs/authz/access_viewer.h"

#include "libs/authz/grant_reach.h"

namespace ror::authz {
namespace {

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

constexpr Viewer kCoveredUser{.profile = 1, .sees_unites_sensibles = true};
// A responsable of another establishment never sees its sensitive offers.
constexpr Viewer kUncoveredUser{.profile = 2, .sees_unites_sensibles = false};

}  // namespace

bool CoversEtablissement(const Principal& principal, const EtablissementScope& scope) {
  return PrincipalReaches(principal, kRoleReaches, scope);
}

Viewer ViewerFor(const Principal& principal, const EtablissementScope& scope) {
  switch (principal.kind) {
    case PrincipalKind::kAnonymous:
      return kOpenData;
    case PrincipalKind::kUser:
      return CoversEtablissement(principal, scope) ? kCoveredUser : kUncoveredUser;
    case PrincipalKind::kApiClient: {
      const int profile = principal.access_profile;
      if (profile < kMinProfile || profile > kMaxProfile) return kOpenData;
      return Viewer{.profile = profile, .sees_unites_sensibles = profile == 1};
    }
  }
  return kOpenData;
}

ViewerReach ReachOf(const Principal& principal) {
  ViewerReach reach;
  if (principal.kind != PrincipalKind::kUser) {
    // Anonymous callers and API clients are one viewer everywhere; their scopes cover nothing.
    reach.covered = reach.elsewhere = ViewerFor(principal, EtablissementScope{});
    return reach;
  }
  reach.covered = kCoveredUser;
  reach.elsewhere = kUncoveredUser;
  for (const Grant& grant : principal.grants) {
    for (const RoleReach& row : kRoleReaches) {
      if (row.role == grant.role) AddReach(grant, row.reach, reach.scopes);
    }
  }
  return reach;
}

}  // namespace ror::authz
