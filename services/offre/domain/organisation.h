#pragma once

// The Organisation aggregate: one organisation interne (OI) of an établissement géographique —
// pôle, service, unité fonctionnelle or unité élémentaire (J203) — stream
// "organisation-<organisation_id>", as a decider (DESIGN §2). Deciding a command again on the
// state it produced yields no event.
//
// Hierarchy. The référents' workflow (fiches pratiques: Établissement → Pôle → UF → Offre; "la
// structure interne du pôle" lists its UF) needs OI nested in OI, so an organisation names its
// parent. The ANS FHIR implementation notes that an OI can only be attached (partOf) to an EG "in
// the current implementation"; that is a limit of its Organization.partOf, not of the model, and
// the FHIR facade can still give every OI partOf = its EG with the parent chain alongside. Which
// type may hang on which (kAllowedParents in organisation.cc):
//   1 Pôle                   on the EG only
//   2 Service                on the EG or a pôle
//   3 UF                     on the EG, a pôle or a service
//   4 Unité élémentaire      on an UF or a service (not directly on the EG: it subdivides a unit)
// Type, EG and parent are fixed at creation (moving an organisation will be a command of its own).
//
// Facts from other streams (does the EG exist, the parent's state, what still hangs open on the
// organisation) are looked up by the handler and carried by the command, so Decide stays pure.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/events/organisation_events.pb.h"

namespace ror::offre::domain {

inline constexpr size_t kOrganisationNomMaxLength = 255;  // characters (code points)

// J203 codes of the organisations internes (EJ and EG, the list's other codes, are the
// établissements themselves).
inline constexpr char kPole[] = "1";
inline constexpr char kService[] = "2";
inline constexpr char kUniteFonctionnelle[] = "3";
inline constexpr char kUniteElementaire[] = "4";
inline constexpr char kEtablissementGeographique[] = "EG";  // the parent type of a top organisation

// ---- Events: the published contract (proto/ror/v1/events/organisation_events.proto).
using OrganisationCreated = v1::events::OrganisationCreated;
using OrganisationUpdated = v1::events::OrganisationUpdated;
using OrganisationClosed = v1::events::OrganisationClosed;
using OrganisationEvent =
    std::variant<OrganisationCreated, OrganisationUpdated, OrganisationClosed>;

// ---- State.
struct OrganisationState {
  std::string organisation_id;  // empty while the organisation does not exist
  std::string type;             // J203 "1".."4"
  std::string nom;
  std::string finess_eg;
  std::string parent_id;  // empty: directly under the EG
  std::string boite_lettre_mss;
  google::protobuf::RepeatedPtrField<v1::Contact> contacts;
  bool closed = false;
  absl::Time created_at = absl::InfinitePast();
  absl::Time updated_at = absl::InfinitePast();
  absl::Time closed_at = absl::InfinitePast();
  int64_t version = 0;  // events applied, i.e. the stream version

  bool exists() const { return !organisation_id.empty(); }
};

// ---- Commands.
struct CreateOrganisation {
  std::string organisation_id{};  // a new UUIDv7 chosen by the caller
  std::string type{};
  std::string nom{};
  std::string finess_eg{};
  std::string parent_id{};
  std::string boite_lettre_mss{};
  absl::Time now{};
  // Looked up by the handler:
  bool etablissement_exists = false;          // the EG finess_eg is known to the ROR
  std::optional<OrganisationState> parent{};  // the state of parent_id, when it exists
};

struct UpdateOrganisation {
  std::string organisation_id{};
  std::optional<std::string> nom{};               // nullopt: unchanged
  std::optional<std::string> boite_lettre_mss{};  // nullopt: unchanged; empty: removed
  absl::Time now{};
  // nullopt: unchanged; otherwise the whole new list (J220, J222, J225; see offre_fiche_rules.h).
  std::optional<google::protobuf::RepeatedPtrField<v1::Contact>> contacts{};
};

struct CloseOrganisation {
  std::string organisation_id{};
  absl::Time now{};
  // Looked up by the handler: what still hangs open on the organisation. Closing is refused
  // while either is non-empty.
  std::vector<OrganisationState> open_children{};
  std::vector<std::string> open_offre_ids{};  // hook for the offres (OpenOffres::OpenOffresOf)
};

using OrganisationCommand = std::variant<CreateOrganisation, UpdateOrganisation, CloseOrganisation>;

// "pôle", "service", "unité fonctionnelle", "unité élémentaire" (or the code itself).
std::string TypeLabel(absl::string_view type);

// True when an organisation of type `child` may hang on one of type `parent` (a J203 code of an
// OI, or "EG" for the établissement itself).
bool MayHangOn(absl::string_view child, absl::string_view parent);

// The events `command` produces on `state`: INVALID_ARGUMENT (a ror.v1.BadRequest naming every
// broken field rule, types checked against J203 in `codes`) on bad input, NOT_FOUND when an
// update or a closure targets no organisation, FAILED_PRECONDITION when the state forbids it.
absl::StatusOr<std::vector<OrganisationEvent>> Decide(const OrganisationState& state,
                                                      const OrganisationCommand& command,
                                                      const nomenclature::Nomenclatures& codes);

// The state after `event`.
OrganisationState Evolve(OrganisationState state, const OrganisationEvent& event);

}  // namespace ror::offre::domain
