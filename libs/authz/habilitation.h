#pragma once

#include "absl/status/status.h"
#include "libs/authz/principal.h"

namespace ror::authz {

// Who may change what lies under an établissement (its fiche, organisation interne and offres):
// the référent ROR of its région, an administrateur (national, or of its région) and a
// responsable d'offre habilitated for the EG or its EJ. A régulateur, a gestionnaire de crise, an
// API client or an anonymous caller changes nothing.
bool MayChange(const Principal& principal, const EtablissementScope& scope);

// OK, or PERMISSION_DENIED naming the EG (UNAUTHENTICATED for an anonymous caller: he must log in).
absl::Status CheckMayChange(const Principal& principal, const EtablissementScope& scope);

// National administrateurs only: what concerns every establishment at once (FINESS imports).
bool IsNationalAdministrateur(const Principal& principal);
absl::Status CheckNationalAdministrateur(const Principal& principal);

}  // namespace ror::authz
