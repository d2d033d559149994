#include "libs/authz/grant_reach.h"

#include <algorithm>
#include <string>
#include <vector>

namespace ror::authz {
namespace {

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return !value.empty() && std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

bool CoveredScopes::Covers(const EtablissementScope& scope) const {
  return everywhere || Contains(regions, scope.region) || Contains(finess_eg, scope.finess_eg) ||
         Contains(finess_ej, scope.finess_ej);
}

void AddReach(const Grant& grant, Reach reach, CoveredScopes& scopes) {
  switch (reach) {
    case Reach::kNowhere:
      return;
    case Reach::kEverywhere:
      scopes.everywhere = true;
      return;
    case Reach::kOwnRegion:
      if (!grant.region.empty()) scopes.regions.push_back(grant.region);
      return;
    case Reach::kNationalOrOwnRegion:
      if (grant.region.empty()) {
        scopes.everywhere = true;
      } else {
        scopes.regions.push_back(grant.region);
      }
      return;
    case Reach::kOwnEtablissements:
      for (const std::string& eg : grant.finess_eg) {
        if (!eg.empty()) scopes.finess_eg.push_back(eg);
      }
      for (const std::string& ej : grant.finess_ej) {
        if (!ej.empty()) scopes.finess_ej.push_back(ej);
      }
      return;
  }
}

bool GrantReaches(const Grant& grant, Reach reach, const EtablissementScope& scope) {
  CoveredScopes scopes;
  AddReach(grant, reach, scopes);
  return scopes.Covers(scope);
}

bool PrincipalReaches(const Principal& principal, absl::Span<const RoleReach> table,
                      const EtablissementScope& scope) {
  if (principal.kind != PrincipalKind::kUser) return false;
  return std::any_of(principal.grants.begin(), principal.grants.end(), [&](const Grant& grant) {
    return std::any_of(table.begin(), table.end(), [&](const RoleReach& row) {
      return row.role == grant.role && GrantReaches(grant, row.reach, scope);
    });
  });
}

}  // namespace ror::authz
