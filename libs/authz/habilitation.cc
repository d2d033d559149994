#include "libs/authz/habilitation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/authz/grant_reach.h"

namespace ror::authz {
namespace {

// One row per role (principal.h): how far each may change. Roles absent (régulateur, gestionnaire
// de crise) read only.
constexpr RoleReach kWriterReaches[] = {
    // As on the read side, a référent ROR without a région reaches nothing.
    {Role::kReferentRor, Reach::kOwnRegion},
    {Role::kAdministrateur, Reach::kNationalOrOwnRegion},
    {Role::kResponsableOffre, Reach::kOwnEtablissements},
};

absl::Status MustLogIn(const Principal& principal) {
  if (principal.kind == PrincipalKind::kAnonymous) {
    return absl::UnauthenticatedError("connexion requise : les modifications exigent un compte");
  }
  return absl::OkStatus();
}

}  // namespace

bool MayChange(const Principal& principal, const EtablissementScope& scope) {
  return PrincipalReaches(principal, kWriterReaches, scope);
}

absl::Status CheckMayChange(const Principal& principal, const EtablissementScope& scope) {
  if (absl::Status logged_in = MustLogIn(principal); !logged_in.ok()) return logged_in;
  if (MayChange(principal, scope)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "vous n'êtes pas habilité à modifier l'établissement ", scope.finess_eg,
      " : il faut être responsable d'offre de cet établissement (ou de son entité juridique), "
      "référent ROR de sa région ou administrateur"));
}

bool IsNationalAdministrateur(const Principal& principal) {
  return principal.kind == PrincipalKind::kUser &&
         std::any_of(principal.grants.begin(), principal.grants.end(), [](const Grant& grant) {
           return grant.role == Role::kAdministrateur && grant.region.empty();
         });
}

absl::Status CheckNationalAdministrateur(const Principal& principal) {
  if (absl::Status logged_in = MustLogIn(principal); !logged_in.ok()) return logged_in;
  if (IsNationalAdministrateur(principal)) return absl::OkStatus();
  return absl::PermissionDeniedError("réservé aux administrateurs nationaux");
}

}  // namespace ror::authz
