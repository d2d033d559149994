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

bool GrantReaches(const Grant& grant, Reach reach, const EtablissementScope& scope) {
  switch (reach) {
    case Reach::kNowhere:
      return false;
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
