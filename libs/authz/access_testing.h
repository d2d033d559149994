#pragma once

// Principals, grants and scopes for tests. Principal, Grant and EtablissementScope have members
// without defaults (-Wmissing-field-initializers refuses partial designated initializers), so
// these build them field by field.

#include <string>
#include <utility>
#include <vector>

#include "libs/authz/principal.h"

namespace ror::authz::testing {

inline EtablissementScope ScopeWith(std::string finess_eg, std::string finess_ej = "",
                                    std::string region = "") {
  EtablissementScope scope;
  scope.finess_eg = std::move(finess_eg);
  scope.finess_ej = std::move(finess_ej);
  scope.region = std::move(region);
  return scope;
}

inline Grant GrantOf(Role role, std::string region = "", std::vector<std::string> finess_ej = {},
                     std::vector<std::string> finess_eg = {}) {
  Grant grant;
  grant.role = role;
  grant.region = std::move(region);
  grant.finess_ej = std::move(finess_ej);
  grant.finess_eg = std::move(finess_eg);
  return grant;
}

inline Principal UserWith(std::vector<Grant> grants, std::string subject = "u-1") {
  Principal principal;
  principal.kind = PrincipalKind::kUser;
  principal.subject = std::move(subject);
  principal.grants = std::move(grants);
  return principal;
}

inline Principal ApiClientWith(int access_profile, std::string subject = "c-1") {
  Principal principal;
  principal.kind = PrincipalKind::kApiClient;
  principal.subject = std::move(subject);
  principal.access_profile = access_profile;
  return principal;
}

// A national administrateur: sees everything, unités sensibles included.
inline Principal NationalAdministrateur() { return UserWith({GrantOf(Role::kAdministrateur)}); }

}  // namespace ror::authz::testing
