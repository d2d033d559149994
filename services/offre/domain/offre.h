#pragma once

// The Offre aggregate as a decider (DESIGN §2): Decide(state, command) -> events, and
// Evolve(state, event) -> state, both pure. Deciding a command again on the state it produced
// yields no event.
//
// An offre has a published version, which readers see, and at most one draft, where every change
// goes ("Enregistrer le brouillon") until it is validated as a whole ("Valider") or discarded. A
// new offre is only a draft until its first validation.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/events/offre_events.pb.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/modele_saisie.h"
#include "services/offre/domain/offre_content_rules.h"

namespace ror::offre::domain {

// ---- Events: the published contract (proto/ror/v1/events/offre_events.proto).
using OffreCreated = v1::events::OffreCreated;
using OffreDraftUpdated = v1::events::OffreDraftUpdated;
using DraftValidated = v1::events::DraftValidated;
using DraftDiscarded = v1::events::DraftDiscarded;
using OffreClosed = v1::events::OffreClosed;
using OffreReopened = v1::events::OffreReopened;
using OffreMoved = v1::events::OffreMoved;
using Event = std::variant<OffreCreated, OffreDraftUpdated, DraftValidated, DraftDiscarded,
                           OffreClosed, OffreReopened, OffreMoved>;

struct Closure {
  bool definitive = false;
  std::string reopening_date;  // YYYY-MM-DD, for a temporary closure
};

// What the handler found of an organisation interne when it took a command naming one; the
// decider judges the rattachement from it and stays pure.
struct OrganisationFacts {
  std::string organisation_id;
  std::string finess_eg;
  std::string nom;
  bool closed = false;
};

// An EG as the store knows it, for a move between EGs (their FINESS categories must match).
struct EtablissementFacts {
  std::string finess_eg;
  std::string categorie;  // J55 code
  std::string libelle_categorie;
};

// ---- State.
struct OffreState {
  std::string offre_id;  // empty while the offre does not exist
  std::string finess_eg;
  std::string organisation_id;  // rattachement organisationnel; empty: directly on the EG
  std::optional<v1::OffreContent> published;  // none until the first validation
  std::optional<v1::OffreContent> draft;
  std::string origin_offre_id;     // set on a duplicate
  std::optional<Closure> closure;  // none while open
  absl::Time created_at = absl::InfinitePast();
  absl::Time updated_at = absl::InfinitePast();
  absl::Time draft_saved_at = absl::InfinitePast();  // of the pending draft, when there is one
  int64_t version = 0;  // events applied, i.e. the stream version

  bool exists() const { return !offre_id.empty(); }
  // What readers are shown: the published version, or the draft of an offre never validated.
  const v1::OffreContent& shown() const;
};

// ---- Commands.
struct CreateOffre {     // étape 1, the offre is born a draft
  std::string offre_id;  // a new UUIDv7 chosen by the caller
  std::string nom;
  std::string champ_activite;
  std::string finess_eg;
  bool unite_sensible = false;
  std::string organisation_id = {};  // empty: directly on the EG
  // The organisation named by organisation_id as the handler found it; none when unknown.
  std::optional<OrganisationFacts> organisation = std::nullopt;
  absl::Time now;
  std::string modele_saisie = {};  // required: the template's id ("139/01")
  // What the handler found: the latest version of modele_saisie, finess_eg as imported; none when
  // unknown.
  std::optional<v1::ModeleSaisie> modele = std::nullopt;
  std::optional<EtablissementFacts> etablissement = std::nullopt;
};
struct SaveDraft {
  std::string offre_id;
  v1::OffreContent draft;
  int step = 0;  // 0: no completeness check; 1..3: the steps up to this one must be complete
  absl::Time now;
  bool copy_monday_to_week = false;  // "Copier le lundi sur toute la semaine" first
  // The version of the template the offre was created with, as the handler found it; none for an
  // offre without one (created before templates).
  std::optional<v1::ModeleSaisie> modele = std::nullopt;
};
struct ValidateDraft {
  std::string offre_id;
  absl::Time now;
};
struct DiscardDraft {
  std::string offre_id;
  absl::Time now;
};
struct DuplicateOffre {  // "Dupliquer": a new offre, as a draft, from what `origin` shows
  std::string offre_id;  // the new offre's UUIDv7
  std::string origin_offre_id;
  std::string finess_eg;
  std::string organisation_id = {};  // the origin's rattachement, kept by the copy
  std::optional<OrganisationFacts> organisation = std::nullopt;
  v1::OffreContent content;
  absl::Time now;
};
struct CloseOffre {
  std::string offre_id;
  bool definitive = false;
  std::string reopening_date;  // required for a temporary closure, after today
  absl::Time now;
};
struct ReopenOffre {
  std::string offre_id;
  absl::Time now;
};
struct MoveOffre {  // "Déplacer"
  std::string offre_id;
  std::string finess_eg;        // the EG to move to; empty: the offre's own
  std::string organisation_id;  // empty: directly on the EG
  std::optional<OrganisationFacts> organisation = std::nullopt;  // of organisation_id
  // For a move to another EG: the offre's EG and the target, none when the store does not know it.
  std::optional<EtablissementFacts> from_etablissement = std::nullopt;
  std::optional<EtablissementFacts> to_etablissement = std::nullopt;
  absl::Time now;
};
using Command = std::variant<CreateOffre, SaveDraft, ValidateDraft, DiscardDraft, DuplicateOffre,
                             CloseOffre, ReopenOffre, MoveOffre>;

// The events `command` produces on `state`. INVALID_ARGUMENT (with a ror.v1.BadRequest naming
// every broken field rule) on bad input, coded fields checked against the national lists in
// `codes`; NOT_FOUND for an offre that does not exist; FAILED_PRECONDITION when the state forbids
// the command.
absl::StatusOr<std::vector<Event>> Decide(const OffreState& state, const Command& command,
                                          const nomenclature::Nomenclatures& codes);

// The state after `event`.
OffreState Evolve(OffreState state, const Event& event);

// Evolve over `events` from the empty state.
OffreState Fold(const std::vector<Event>& events);

}  // namespace ror::offre::domain
