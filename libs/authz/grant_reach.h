#pragma once

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "libs/authz/principal.h"

namespace ror::authz {

// How far one role's grant reaches over establishments; the read side (access_viewer.cc) and the
// write side (habilitation.cc) each say, in a table, which reach each role has.
enum class Reach {
  kNowhere,              // the role changes (or sees as profile 1) nothing
  kEverywhere,           // whatever the grant's région says
  kOwnRegion,            // the grant's région; an empty one reaches nothing
  kNationalOrOwnRegion,  // empty région: national; else that région
  kOwnEtablissements,    // the grant's finess_eg, and every EG of its finess_ej
};

struct RoleReach {
  Role role = Role::kResponsableOffre;
  Reach reach = Reach::kNowhere;
};

// Where grants reach, as sets (for filters that cannot ask per établissement, e.g. the search
// index): a scope is covered when `everywhere`, or its région, EG or EJ is listed.
struct CoveredScopes {
  bool everywhere = false;
  std::vector<std::string> regions;
  std::vector<std::string> finess_eg;
  std::vector<std::string> finess_ej;

  // An empty scope field never matches.
  bool Covers(const EtablissementScope& scope) const;
};

// Adds where `grant`, reaching as `reach` says, reaches.
void AddReach(const Grant& grant, Reach reach, CoveredScopes& scopes);

// Whether `grant`, reaching as `reach` says, covers `scope` (an empty scope field never matches).
bool GrantReaches(const Grant& grant, Reach reach, const EtablissementScope& scope);

// Whether one of a user's grants covers `scope`, each role reaching as `table` says (a role
// absent from it reaches nothing). Anonymous callers and API clients are covered by no grant.
bool PrincipalReaches(const Principal& principal, absl::Span<const RoleReach> table,
                      const EtablissementScope& scope);

}  // namespace ror::authz
