#pragma once

// Who a principal is for the access function: the Viewer it is for the data of one
// établissement (reference §2.5; DESIGN §4).

#include "libs/authz/access_policy.h"
#include "libs/authz/grant_reach.h"
#include "libs/authz/principal.h"

namespace ror::authz {

// Whether one of `principal`'s grants covers `scope` (kRoleReaches in access_viewer.cc):
// régulateur and gestionnaire de crise everywhere; référent ROR in his région; administrateur
// everywhere when national (empty région), else in his région; responsable d'offre on the EGs he
// is habilitated for, directly or through their EJ. Users only; an empty scope field never
// matches.
bool CoversEtablissement(const Principal& principal, const EtablissementScope& scope);

// The viewer `principal` is for data of `scope`:
//   anonymous                           → profile 0, no unités sensibles;
//   user whose grant covers the scope   → profile 1, with unités sensibles;
//   any other user                      → profile 2, without unités sensibles (a responsable of
//                                          another establishment never sees its sensitive offers);
//   API client                          → its own access_profile (outside 0–5: 0), with unités
//                                          sensibles at profile 1 only.
Viewer ViewerFor(const Principal& principal, const EtablissementScope& scope);

// The two viewers a principal can be: `covered` on the scopes CoversEtablissement holds for,
// `elsewhere` on every other one. ViewerFor(principal, scope) is always one of them.
struct ViewerReach {
  CoveredScopes scopes;
  Viewer covered;
  Viewer elsewhere;
};

ViewerReach ReachOf(const Principal& principal);

}  // namespace ror::authz
