#include "services/offre/app/offre_handler.h"

#include <functional>
#include <type_traits>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/command_loop.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/app/offre_codec.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::app {

absl::StatusOr<domain::OffreState> OffreHandler::CreateOffre(const NewOffre& offre,
                                                             const CommandContext& ctx) {
  const std::string offre_id = ids_.NewId();
  // Creating on an EG the store does not know is allowed: the offre service's copy of FINESS
  // comes from batch imports and may lag behind the référent's real EG (the demo, the e2e test and
  // the load driver create offres on EGs they never import). An organisation, though, only
  // exists under an imported EG, so an attached offre always hangs on a known one. An unknown EG
  // only means its template is judged without its category.
  ASSIGN_OR_RETURN(std::optional<domain::EtablissementFacts> etablissement,
                   LookUpEtablissement(absl::StripAsciiWhitespace(offre.finess_eg)));
  const v1::ModeleSaisie* modele = modeles_.Latest(absl::StripAsciiWhitespace(offre.modele_saisie));
  std::unique_lock<std::mutex> structure;
  domain::CreateOffre command{
      .offre_id = offre_id,
      .nom = offre.nom,
      .champ_activite = offre.champ_activite,
      .finess_eg = offre.finess_eg,
      .organisation_id = offre.organisation_id,
      .organisation = LookUpOrganisation(offre.organisation_id, structure),
      .now = clock_.Now(),
      .modele_saisie = offre.modele_saisie,
      .modele = modele == nullptr ? std::nullopt : std::optional<v1::ModeleSaisie>(*modele),
      .etablissement = std::move(etablissement)};
  absl::StatusOr<domain::OffreState> created = Execute(offre_id, command, ctx);
  if (created.ok()) return created;

  // The same request_id created an offre before (under another id): that offre is the outcome,
  // provided the request is the same one.
  if (!absl::IsInvalidArgument(created.status()) || ctx.request_id.empty()) return created.status();
  ASSIGN_OR_RETURN(std::optional<eventstore::RequestOutcome> first_request,
                   store_.FindRequest(ctx.request_id));
  if (!first_request.has_value()) return created.status();
  absl::string_view first_id = first_request->stream_id;
  if (!absl::ConsumePrefix(&first_id, absl::StrCat(kCategory, "-"))) return created.status();
  // Same request if it would have created the same offre: compare with the offre's first event,
  // since the offre may have been edited since.
  ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> first_events,
                   store_.ReadStream(first_request->stream_id, 1, 1));
  ASSIGN_OR_RETURN(domain::Event first_event, Decode(first_events.front()));
  command.offre_id = std::string(first_id);
  ASSIGN_OR_RETURN(std::vector<domain::Event> mine,
                   domain::Decide(domain::OffreState{}, command, codes_));
  const auto* recorded = std::get_if<domain::OffreCreated>(&first_event);
  const auto& asked = std::get<domain::OffreCreated>(mine.front());
  if (recorded == nullptr || recorded->nom() != asked.nom() ||
      recorded->champ_activite() != asked.champ_activite() ||
      recorded->finess_eg() != asked.finess_eg() ||
      recorded->organisation_id() != asked.organisation_id() ||
      recorded->draft().modele_saisie() != asked.draft().modele_saisie()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "request_id « ", ctx.request_id, " » : déjà utilisé pour créer l'offre ", first_id,
        " avec d'autres valeurs ; une nouvelle demande a besoin d'une nouvelle clé"));
  }
  return Load(first_id);
}

std::optional<domain::OrganisationFacts> OffreHandler::LookUpOrganisation(
    absl::string_view organisation_id, std::unique_lock<std::mutex>& lock) {
  organisation_id = absl::StripAsciiWhitespace(organisation_id);
  if (organisation_id.empty() || organisations_ == nullptr) return std::nullopt;
  if (!lock.owns_lock()) lock = organisations_->LockStructure();
  return organisations_->FindOrganisation(organisation_id);
}

absl::Status OffreHandler::CheckOffreId(absl::string_view offre_id) {
  if (IsUuid(offre_id)) return absl::OkStatus();
  FieldViolations v;
  v.Add("offre_id", "format",
        "l'identifiant d'une offre est un UUID en minuscules (8-4-4-4-12 chiffres hexadécimaux)");
  return v.ToStatus();
}

absl::StatusOr<domain::OffreState> OffreHandler::SaveDraft(absl::string_view offre_id,
                                                           const v1::OffreContent& draft, int step,
                                                           const CommandContext& ctx,
                                                           bool copy_monday_to_week) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  return Execute(offre_id,
                 domain::SaveDraft{.offre_id = std::string(offre_id),
                                   .draft = draft,
                                   .step = step,
                                   .now = clock_.Now(),
                                   .copy_monday_to_week = copy_monday_to_week},
                 ctx);
}

absl::StatusOr<domain::OffreState> OffreHandler::ValidateDraft(absl::string_view offre_id,
                                                               const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  return Execute(
      offre_id, domain::ValidateDraft{.offre_id = std::string(offre_id), .now = clock_.Now()}, ctx);
}

absl::StatusOr<domain::OffreState> OffreHandler::DiscardDraft(absl::string_view offre_id,
                                                              const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  return Execute(offre_id,
                 domain::DiscardDraft{.offre_id = std::string(offre_id), .now = clock_.Now()}, ctx);
}

absl::StatusOr<domain::OffreState> OffreHandler::DuplicateOffre(absl::string_view offre_id,
                                                                const CommandContext& ctx) {
  ASSIGN_OR_RETURN(domain::OffreState origin, GetOffre(offre_id));
  const std::string copy_id = ids_.NewId();
  std::unique_lock<std::mutex> structure;
  domain::DuplicateOffre command{
      .offre_id = copy_id,
      .origin_offre_id = origin.offre_id,
      .finess_eg = origin.finess_eg,
      .organisation_id = origin.organisation_id,
      .organisation = LookUpOrganisation(origin.organisation_id, structure),
      .content = origin.shown(),
      .now = clock_.Now()};
  absl::StatusOr<domain::OffreState> copy = Execute(copy_id, command, ctx);
  // A retry with the same request_id made its copy under another id: that copy is the outcome.
  if (copy.ok() || !absl::IsInvalidArgument(copy.status()) || ctx.request_id.empty()) return copy;
  ASSIGN_OR_RETURN(std::optional<eventstore::RequestOutcome> first,
                   store_.FindRequest(ctx.request_id));
  absl::string_view first_id = first.has_value() ? first->stream_id : "";
  if (!absl::ConsumePrefix(&first_id, absl::StrCat(kCategory, "-"))) return copy.status();
  ASSIGN_OR_RETURN(domain::OffreState earlier, Load(first_id));
  if (earlier.origin_offre_id != origin.offre_id) return copy.status();
  return earlier;
}

absl::StatusOr<domain::OffreState> OffreHandler::CloseOffre(absl::string_view offre_id,
                                                            bool definitive,
                                                            absl::string_view reopening_date,
                                                            const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  return Execute(offre_id,
                 domain::CloseOffre{.offre_id = std::string(offre_id),
                                    .definitive = definitive,
                                    .reopening_date = std::string(reopening_date),
                                    .now = clock_.Now()},
                 ctx);
}

absl::StatusOr<domain::OffreState> OffreHandler::ReopenOffre(absl::string_view offre_id,
                                                             const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  return Execute(offre_id,
                 domain::ReopenOffre{.offre_id = std::string(offre_id), .now = clock_.Now()}, ctx);
}

absl::StatusOr<domain::OffreState> OffreHandler::MoveOffre(absl::string_view offre_id,
                                                           absl::string_view finess_eg,
                                                           absl::string_view organisation_id,
                                                           const CommandContext& ctx) {
  ASSIGN_OR_RETURN(const domain::OffreState current, GetOffre(offre_id));
  domain::MoveOffre command{.offre_id = current.offre_id,
                            .finess_eg = std::string(finess_eg),
                            .organisation_id = std::string(organisation_id),
                            .now = clock_.Now()};
  const std::string target = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(finess_eg));
  if (!target.empty() && target != current.finess_eg) {
    ASSIGN_OR_RETURN(command.from_etablissement, LookUpEtablissement(current.finess_eg));
    ASSIGN_OR_RETURN(command.to_etablissement, LookUpEtablissement(target));
  }
  std::unique_lock<std::mutex> structure;
  command.organisation = LookUpOrganisation(organisation_id, structure);
  return Execute(offre_id, command, ctx);
}

absl::StatusOr<std::optional<domain::EtablissementFacts>> OffreHandler::LookUpEtablissement(
    absl::string_view finess_eg) {
  absl::StatusOr<domain::EtablissementState> eg = etablissements_.Get(finess_eg);
  if (absl::IsNotFound(eg.status()) || absl::IsInvalidArgument(eg.status())) return std::nullopt;
  if (!eg.ok()) return eg.status();
  return domain::EtablissementFacts{.finess_eg = eg->fiche.finess_eg(),
                                    .categorie = eg->fiche.categorie(),
                                    .libelle_categorie = eg->fiche.libelle_categorie()};
}

absl::StatusOr<std::optional<v1::ModeleSaisie>> OffreHandler::ModeleOf(
    const domain::OffreState& state) const {
  const v1::OffreContent& content = state.draft.has_value() ? *state.draft : state.shown();
  if (content.modele_saisie().empty()) return std::nullopt;  // created before templates
  const v1::ModeleSaisie* modele =
      modeles_.Find(content.modele_saisie(), content.modele_saisie_version());
  if (modele == nullptr) {
    // Every version an offre uses must stay in the templates directory (modeles/README.md).
    return absl::FailedPreconditionError(absl::StrCat(
        "le modèle de saisie ", content.modele_saisie(), " version ",
        content.modele_saisie_version(),
        " de cette offre n'est pas chargé par le service ; l'exploitant doit le rétablir"));
  }
  return *modele;
}

absl::StatusOr<std::vector<const v1::ModeleSaisie*>> OffreHandler::ModelesApplicables(
    absl::string_view finess_eg, absl::string_view champ_activite) {
  FieldViolations v;
  domain::CheckFiness(finess_eg, "finess_eg", domain::kFinessEgLabel, v);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(std::optional<domain::EtablissementFacts> etablissement,
                   LookUpEtablissement(finess_eg));
  if (!etablissement.has_value()) {
    return absl::NotFoundError(absl::StrCat("établissement géographique ", finess_eg,
                                            " introuvable ; importez-le depuis FINESS"));
  }
  return modeles_.Applicable(etablissement->categorie, champ_activite);
}

std::vector<std::string> OffreHandler::Warnings(const domain::OffreState& state) const {
  return domain::NamingWarnings(state.draft.has_value() ? *state.draft : state.shown(), codes_);
}

absl::StatusOr<std::vector<OffreHandler::QualityFinding>> OffreHandler::QualityReport(
    absl::string_view finess_eg) {
  FieldViolations v;
  domain::CheckFiness(finess_eg, "finess_eg", domain::kFinessEgLabel, v);
  RETURN_IF_ERROR(v.ToStatus());
  if (index_ == nullptr) {
    return absl::FailedPreconditionError("ce service ne tient pas l'index des offres");
  }
  std::vector<QualityFinding> findings;
  for (const OffreSummary& summary : index_->OfEtablissement(finess_eg)) {
    if (summary.closed_definitively) continue;
    ASSIGN_OR_RETURN(domain::OffreState state, Load(summary.offre_id));
    std::vector<domain::Anomaly> anomalies = domain::QualityAnomalies(state, clock_.Now());
    findings.push_back({std::move(state), std::move(anomalies)});
  }
  return findings;
}

absl::StatusOr<std::vector<OffreSummary>> OffreHandler::ActionsEnAttente(
    const std::vector<std::string>& finess_egs) const {
  FieldViolations v;
  if (finess_egs.empty()) {
    v.Add("finess_eg", "required", "au moins un établissement géographique est attendu");
  }
  for (size_t i = 0; i < finess_egs.size(); ++i) {
    domain::CheckFiness(finess_egs[i], nomenclature::IndexedField("finess_eg", i),
                        domain::kFinessEgLabel, v);
  }
  RETURN_IF_ERROR(v.ToStatus());
  if (index_ == nullptr) {
    return absl::FailedPreconditionError("ce service ne tient pas l'index des offres");
  }
  return index_->PendingDrafts(finess_egs);
}

absl::StatusOr<std::vector<OffreSummary>> OffreHandler::OffresFermees(
    absl::string_view finess_eg) const {
  FieldViolations v;
  domain::CheckFiness(finess_eg, "finess_eg", domain::kFinessEgLabel, v);
  RETURN_IF_ERROR(v.ToStatus());
  if (index_ == nullptr) {
    return absl::FailedPreconditionError("ce service ne tient pas l'index des offres");
  }
  return index_->ClosedDefinitively(finess_eg);
}

absl::StatusOr<domain::OffreState> OffreHandler::GetOffre(absl::string_view offre_id) {
  RETURN_IF_ERROR(CheckOffreId(offre_id));
  ASSIGN_OR_RETURN(domain::OffreState state, Load(offre_id));
  if (!state.exists()) {
    return absl::NotFoundError(absl::StrCat("offre ", offre_id, " introuvable"));
  }
  return state;
}

absl::StatusOr<domain::OffreState> OffreHandler::Load(absl::string_view offre_id) {
  return eventstore::LoadStream<domain::OffreState>(store_, StreamId(offre_id), Decode);
}

absl::Status OffreHandler::Authorize(const domain::OffreState& state,
                                     const domain::Command& command, const CommandContext& ctx) {
  if (!ctx.caller.has_value()) return absl::OkStatus();
  std::vector<std::string> egs;
  if (state.exists()) egs.push_back(state.finess_eg);
  std::visit(
      [&egs](const auto& c) {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, domain::CreateOffre> ||
                      std::is_same_v<C, domain::DuplicateOffre> ||
                      std::is_same_v<C, domain::MoveOffre>) {
          std::string eg = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(c.finess_eg));
          if (!eg.empty()) egs.push_back(std::move(eg));
        }
      },
      command);
  // No EG at all (an unknown offre): the decider answers, but never to an anonymous caller.
  if (egs.empty()) return CheckMayChange(ctx, authz::EtablissementScope{});
  for (const std::string& eg : egs) RETURN_IF_ERROR(CheckMayChange(ctx, scopes_.Of(eg)));
  return absl::OkStatus();
}

absl::StatusOr<domain::OffreState> OffreHandler::Execute(absl::string_view offre_id,
                                                         const domain::Command& command,
                                                         const CommandContext& ctx) {
  RETURN_IF_ERROR(ValidateRequestId(ctx.request_id));
  const std::string request_id = ctx.request_id.empty() ? ids_.NewId() : ctx.request_id;
  ASSIGN_OR_RETURN(
      auto outcome,
      eventstore::RunCommand<domain::OffreState>(
          store_, clock_, ids_, StreamId(offre_id), request_id,
          [&](const domain::OffreState& state) -> absl::StatusOr<std::vector<domain::Event>> {
            RETURN_IF_ERROR(Authorize(state, command, ctx));
            // Which template a draft is held to is recorded in the stream: only the state just
            // loaded can say, so the fact is looked up here, on every attempt.
            if (const auto* save = std::get_if<domain::SaveDraft>(&command)) {
              domain::SaveDraft with_modele = *save;
              ASSIGN_OR_RETURN(with_modele.modele, ModeleOf(state));
              return domain::Decide(state, with_modele, codes_);
            }
            return domain::Decide(state, command, codes_);
          },
          Decode, Encode, std::bind_front(StampContext, std::cref(ctx))));
  if (index_ != nullptr && outcome.after.exists()) index_->Put(outcome.after);
  return std::move(outcome.after);
}

}  // namespace ror::offre::app
