#include "services/auth/domain/admin_scope.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "libs/authz/access_regions.h"

namespace ror::auth::domain {
namespace {

constexpr char kOutOfRegion[] =
    "un administrateur régional n'administre que les comptes et habilitations de sa région";

bool Reaches(const AdminScope& scope, absl::string_view region) {
  if (scope.national) return true;
  return !region.empty() &&
         std::find(scope.regions.begin(), scope.regions.end(), region) != scope.regions.end();
}

}  // namespace

AdminScope AdminScopeOf(const authz::Principal& caller) {
  AdminScope scope;
  if (caller.kind != authz::PrincipalKind::kUser) return scope;
  for (const authz::Grant& grant : caller.grants) {
    if (grant.role != authz::Role::kAdministrateur) continue;
    if (grant.region.empty()) {
      scope.national = true;
    } else {
      scope.regions.push_back(grant.region);
    }
  }
  return scope;
}

std::string RegionOfFiness(absl::string_view finess) {
  if (finess.size() < 2) return "";
  return authz::RegionOfDepartement(absl::AsciiStrToUpper(finess.substr(0, 2)));
}

absl::Status CheckAdministers(const AdminScope& scope, const AccountGrant& grant) {
  if (scope.national) return absl::OkStatus();
  if (grant.role() == authz::RoleName(authz::Role::kResponsableOffre)) {
    for (const auto* list : {&grant.finess_ej(), &grant.finess_eg()}) {
      for (const std::string& finess : *list) {
        if (!Reaches(scope, RegionOfFiness(finess))) {
          return absl::PermissionDeniedError(kOutOfRegion);
        }
      }
    }
    return absl::OkStatus();
  }
  // A grant without région is national: for national administrateurs only.
  if (!Reaches(scope, grant.region())) return absl::PermissionDeniedError(kOutOfRegion);
  return absl::OkStatus();
}

absl::Status CheckAdministersAccount(const AdminScope& scope,
                                     const std::vector<AccountGrant>& grants) {
  for (const AccountGrant& grant : grants) {
    if (absl::Status reached = CheckAdministers(scope, grant); !reached.ok()) return reached;
  }
  return absl::OkStatus();
}

absl::Status CheckAdministersFiness(const AdminScope& scope, absl::string_view finess) {
  if (!Reaches(scope, RegionOfFiness(finess))) return absl::PermissionDeniedError(kOutOfRegion);
  return absl::OkStatus();
}

}  // namespace ror::auth::domain
