#include "libs/authz/principal.h"

#include <array>
#include <utility>

namespace ror::authz {
namespace {

constexpr std::array<std::pair<Role, const char*>, 5> kRoleNames = {{
    {Role::kReferentRor, "referent_ror"},
    {Role::kResponsableOffre, "responsable_offre"},
    {Role::kRegulateur, "regulateur"},
    {Role::kGestionnaireCrise, "gestionnaire_crise"},
    {Role::kAdministrateur, "administrateur"},
}};

}  // namespace

std::string RoleName(Role role) {
  for (const auto& [known, name] : kRoleNames) {
    if (known == role) return name;
  }
  return "";
}

std::optional<Role> RoleFromName(absl::string_view name) {
  for (const auto& [role, known] : kRoleNames) {
    if (known == name) return role;
  }
  return std::nullopt;
}

Principal Anonymous() { return Principal{}; }

v1::Actor ActorOf(const Principal& principal) {
  v1::Actor actor;
  switch (principal.kind) {
    case PrincipalKind::kUser:
      actor.set_kind(v1::Actor::KIND_USER);
      break;
    case PrincipalKind::kApiClient:
      actor.set_kind(v1::Actor::KIND_API_CLIENT);
      break;
    case PrincipalKind::kAnonymous:
      actor.set_kind(v1::Actor::KIND_SYSTEM);
      actor.set_subject("anonymous");
      actor.set_display_name("accès non authentifié");
      return actor;
  }
  actor.set_subject(principal.subject);
  actor.set_display_name(principal.display_name);
  return actor;
}

}  // namespace ror::authz
