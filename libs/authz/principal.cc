#include "libs/authz/principal.h"

namespace ror::authz {

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
