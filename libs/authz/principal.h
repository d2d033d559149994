#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "ror/v1/types.pb.h"

namespace ror::authz {

// The roles of reference §2.5 / seeds 000. An API client is not a role: it is a principal of kind
// kApiClient with an access profile.
enum class Role {
  kReferentRor,        // regional référent ROR: every establishment of his région
  kResponsableOffre,   // responsable d'offre de structure: the EJ/EG he is habilitated for
  kRegulateur,         // SAMU régulateur: reads everything, sensitive offers included; writes nothing
  kGestionnaireCrise,  // crisis cell: reads everything; writes nothing here
  kAdministrateur,     // national (region empty) or regional administrator
};

// One role with its scope. Only the fields its role uses are set.
struct Grant {
  Role role = Role::kResponsableOffre;
  std::string region;                  // INSEE région code; empty for a national scope
  std::vector<std::string> finess_ej;  // responsable: every EG of these EJ
  std::vector<std::string> finess_eg;  // responsable: these EG
};

enum class PrincipalKind { kAnonymous, kUser, kApiClient };

// Who is calling, as the verified access token says (or anonymous without a token).
struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  std::string subject;       // account id or client id; never an e-mail
  std::string session_id;    // the login session (revocation unit); empty for api clients
  std::string display_name;  // "Prénom Nom" or the client's name
  int access_profile = 0;    // api clients: 0–5 (reference §2.5); users: see EffectiveProfile
  std::vector<Grant> grants;
  absl::Time expires_at = absl::InfinitePast();
};

// Where a piece of data lives, for scope decisions: its EG, the EG's EJ and région.
struct EtablissementScope {
  std::string finess_eg;
  std::string finess_ej;
  std::string region;  // INSEE région code of the EG's département
};

Principal Anonymous();

// The role's name in tokens and events ("referent_ror", "responsable_offre", "regulateur",
// "gestionnaire_crise", "administrateur") and back; nullopt for a name no role has.
std::string RoleName(Role role);
std::optional<Role> RoleFromName(absl::string_view name);

// The actor written into event envelopes and audit records.
v1::Actor ActorOf(const Principal& principal);

}  // namespace ror::authz
