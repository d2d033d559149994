#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_store.h"
#include "ror/v1/types.pb.h"
#include "services/offre/app/command_context.h"
#include "services/offre/app/etablissement_handler.h"
#include "services/offre/app/etablissement_scopes.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/app/organisation_directory.h"
#include "services/offre/domain/offre.h"
#include "services/offre/domain/quality_rules.h"

namespace ror::offre::app {

struct NewOffre {
  std::string nom;
  std::string champ_activite;
  std::string finess_eg;
  std::string organisation_id = {};  // rattachement organisationnel; empty: directly on the EG
  std::string modele_saisie = {};    // required: a template of `modeles` ("139/01")
};

// Commands and queries on offres, straight on the event store: load the stream, decide, append
// at the expected version; on a version conflict (ABORTED) reload and decide again, at most
// kMaxRetries times. A command retried with the same request_id returns the first outcome and
// writes nothing (the store keeps the request_ids).
class OffreHandler {
 public:
  static constexpr int kMaxRetries = eventstore::kMaxCommandRetries;

  // Not owned: `codes`, the national lists coded fields are checked against; `modeles`, the
  // modèles de saisie offres are created with; `organisations` (may be null: then no organisation
  // is known and offres hang on their EG only), where rattachements organisationnels are looked
  // up; `index` (may be null), kept current after each append.
  OffreHandler(eventstore::EventStore& store, const nomenclature::Nomenclatures& codes,
               const domain::ModeleCatalog& modeles, const Clock& clock, IdGenerator& ids,
               OrganisationDirectory* organisations = nullptr, OffreIndex* index = nullptr)
      : store_(store),
        codes_(codes),
        modeles_(modeles),
        clock_(clock),
        ids_(ids),
        organisations_(organisations),
        index_(index) {}

  absl::StatusOr<domain::OffreState> CreateOffre(const NewOffre& offre, const CommandContext& ctx);

  // Suggestions on the offre's draft, or on what it shows when it has none (naming convention).
  std::vector<std::string> Warnings(const domain::OffreState& state) const;

  struct QualityFinding {
    domain::OffreState offre;
    std::vector<domain::Anomaly> anomalies;
  };
  // The offres of `finess_eg` and the data-quality rules each breaks now (from the index of
  // offres; FAILED_PRECONDITION when the handler was built without one).
  absl::StatusOr<std::vector<QualityFinding>> QualityReport(absl::string_view finess_eg);

  // The modèles de saisie an offre of `finess_eg` (imported) may be created with for
  // `champ_activite` (empty: any), latest versions by id.
  absl::StatusOr<std::vector<const v1::ModeleSaisie*>> ModelesApplicables(
      absl::string_view finess_eg, absl::string_view champ_activite);

  // "Mes actions en attente" of the EGs a user may act on (one at least, each a FINESS number):
  // their offres with a draft waiting for "Valider", the longest waiting first. Which EGs a user
  // may act on is the caller's to decide (habilitations, auth service).
  absl::StatusOr<std::vector<OffreSummary>> ActionsEnAttente(
      const std::vector<std::string>& finess_egs) const;

  // "Offres fermées définitivement" of `finess_eg`, by nom.
  absl::StatusOr<std::vector<OffreSummary>> OffresFermees(absl::string_view finess_eg) const;

  // INVALID_ARGUMENT (field offre_id) for a malformed id, NOT_FOUND for an unknown one.
  absl::StatusOr<domain::OffreState> GetOffre(absl::string_view offre_id);

  // "Enregistrer le brouillon": the steps up to `step` (0 to 3) must be complete; with
  // `copy_monday_to_week`, Monday's horaires first replace the other days'.
  absl::StatusOr<domain::OffreState> SaveDraft(absl::string_view offre_id,
                                               const v1::OffreContent& draft, int step,
                                               const CommandContext& ctx,
                                               bool copy_monday_to_week = false);
  // "Valider": publishes the whole draft; FAILED_PRECONDITION naming what it lacks.
  absl::StatusOr<domain::OffreState> ValidateDraft(absl::string_view offre_id,
                                                   const CommandContext& ctx);
  absl::StatusOr<domain::OffreState> DiscardDraft(absl::string_view offre_id,
                                                  const CommandContext& ctx);
  // "Dupliquer": a new offre (new id) holding, as its draft, what `offre_id` shows.
  absl::StatusOr<domain::OffreState> DuplicateOffre(absl::string_view offre_id,
                                                    const CommandContext& ctx);
  absl::StatusOr<domain::OffreState> CloseOffre(absl::string_view offre_id, bool definitive,
                                                absl::string_view reopening_date,
                                                const CommandContext& ctx);
  absl::StatusOr<domain::OffreState> ReopenOffre(absl::string_view offre_id,
                                                 const CommandContext& ctx);
  // "Déplacer": to `organisation_id` (empty: directly on the EG) of `finess_eg` (empty: the
  // offre's own EG); another EG must be of the same FINESS category, both imported.
  absl::StatusOr<domain::OffreState> MoveOffre(absl::string_view offre_id,
                                               absl::string_view finess_eg,
                                               absl::string_view organisation_id,
                                               const CommandContext& ctx);

 private:
  // Decides `command` on the stream of `offre_id` and appends the outcome; the resulting state.
  absl::StatusOr<domain::OffreState> Execute(absl::string_view offre_id,
                                             const domain::Command& command,
                                             const CommandContext& ctx);
  // The facts of `organisation_id` (none when it is empty or unknown); `lock` receives the
  // structure lock when there is an organisation to judge, see organisation_directory.h.
  std::optional<domain::OrganisationFacts> LookUpOrganisation(absl::string_view organisation_id,
                                                              std::unique_lock<std::mutex>& lock);
  // `finess_eg` as the store knows it; none when it is not imported (or malformed).
  absl::StatusOr<std::optional<domain::EtablissementFacts>> LookUpEtablissement(
      absl::string_view finess_eg);
  // Whether the caller of `ctx` may change the offre `state` is (its EG) and, for a creation, a
  // copy or a move, the EG `command` takes it to: PERMISSION_DENIED naming the EG otherwise.
  absl::Status Authorize(const domain::OffreState& state, const domain::Command& command,
                         const CommandContext& ctx);
  // INVALID_ARGUMENT naming offre_id unless it is a UUID.
  static absl::Status CheckOffreId(absl::string_view offre_id);
  // The template version `state` was created with; none for an offre created before templates,
  // FAILED_PRECONDITION when that version is no longer loaded.
  absl::StatusOr<std::optional<v1::ModeleSaisie>> ModeleOf(const domain::OffreState& state) const;
  // The state of `offre_id` (the empty state when the stream does not exist).
  absl::StatusOr<domain::OffreState> Load(absl::string_view offre_id);

  eventstore::EventStore& store_;
  const nomenclature::Nomenclatures& codes_;
  const domain::ModeleCatalog& modeles_;
  const Clock& clock_;
  IdGenerator& ids_;
  OrganisationDirectory* const organisations_;
  OffreIndex* const index_;
  EtablissementHandler etablissements_{store_, clock_, ids_};  // reads only
  EtablissementScopes scopes_{etablissements_};
};

}  // namespace ror::offre::app
