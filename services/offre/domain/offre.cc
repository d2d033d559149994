#include "services/offre/domain/offre.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/common/field_violations.h"
#include "libs/common/ids.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/finess/field_rules.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/offre_fiche_rules.h"

namespace ror::offre::domain {
namespace {

bool Same(const v1::OffreContent& a, const v1::OffreContent& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

void CheckOrganisationIdFormat(absl::string_view organisation_id, absl::string_view field,
                               FieldViolations& v) {
  if (!organisation_id.empty() && !IsUuid(organisation_id)) {
    v.Add(field, "format",
          absl::StrCat("le rattachement organisationnel est l'identifiant d'une organisation "
                       "(UUID en minuscules), ou vide pour rattacher l'offre directement à "
                       "l'établissement (",
                       Quote(organisation_id), " saisi)"));
  }
}

// An offre may hang on an organisation only if it exists, is open and belongs to the offre's EG.
absl::Status CheckRattachement(absl::string_view organisation_id,
                               const std::optional<OrganisationFacts>& organisation,
                               absl::string_view finess_eg) {
  if (organisation_id.empty()) return absl::OkStatus();
  if (!organisation.has_value() || organisation->organisation_id != organisation_id) {
    return absl::FailedPreconditionError(
        absl::StrCat("organisation_id : l'organisation ", organisation_id,
                     " est introuvable ; une offre se rattache à une organisation existante de "
                     "son établissement"));
  }
  if (organisation->closed) {
    return absl::FailedPreconditionError(
        absl::StrCat("organisation_id : l'organisation « ", organisation->nom, " » (",
                     organisation_id, ") est fermée ; une offre ne peut s'y rattacher"));
  }
  if (organisation->finess_eg != finess_eg) {
    return absl::FailedPreconditionError(
        absl::StrCat("organisation_id : l'organisation « ", organisation->nom, " » (",
                     organisation_id, ") appartient à l'établissement ", organisation->finess_eg,
                     ", pas à l'établissement ", finess_eg, " de l'offre"));
  }
  return absl::OkStatus();
}

// The command as it will be recorded: surrounding blanks removed, Corsican letters upper-cased.
CreateOffre Normalize(const CreateOffre& in) {
  CreateOffre out = in;
  out.nom = Trimmed(in.nom);
  out.champ_activite = Trimmed(in.champ_activite);
  out.finess_eg = absl::AsciiStrToUpper(Trimmed(in.finess_eg));
  out.organisation_id = Trimmed(in.organisation_id);
  out.modele_saisie = Trimmed(in.modele_saisie);
  return out;
}

// What étape 1 gives, pre-filled by the template.
v1::OffreContent ContentOf(const CreateOffre& c) {
  v1::OffreContent content;
  content.set_nom(c.nom);
  content.set_champ_activite(c.champ_activite);
  content.set_unite_sensible(c.unite_sensible);
  if (c.modele.has_value()) content = ApplyPrefill(*c.modele, std::move(content));
  return content;
}

absl::Status Validate(const CreateOffre& c, const nomenclature::Nomenclatures& codes) {
  FieldViolations v;
  if (!IsUuid(c.offre_id)) {
    v.Add("offre_id", "format", "l'identifiant de l'offre doit être un UUID en minuscules");
  }
  const v1::OffreContent content = ContentOf(c);
  RETURN_IF_ERROR(CheckContent(content, /*complete_through=*/1, codes, "", v));
  if (c.modele_saisie.empty()) {
    v.Add("modele_saisie", "required",
          "le modèle de saisie est obligatoire : il pré-remplit l'offre et restreint les choix");
  } else if (!c.modele.has_value()) {
    v.Add("modele_saisie", "unknown",
          absl::StrCat("le modèle de saisie ", Quote(c.modele_saisie), " est inconnu"));
  } else {
    // An EG not imported yet has no known category (see OffreHandler::CreateOffre): the template
    // is then judged without it.
    const nomenclature::CodeList* champs = codes.Find("J20");
    const bool champ_known = champs != nullptr && champs->Find(c.champ_activite) != nullptr;
    // The champ d'activité has its own violation; the template is judged once it is valid.
    if (champ_known) {
      const std::optional<absl::string_view> categorie =
          c.etablissement.has_value() ? std::optional<absl::string_view>(c.etablissement->categorie)
                                      : std::nullopt;
      CheckApplicable(*c.modele, categorie, c.champ_activite, "modele_saisie", v);
    }
    CheckRestrictions(*c.modele, content, "", v);
  }
  CheckFiness(c.finess_eg, "finess_eg", kFinessEgLabel, v);
  CheckOrganisationIdFormat(c.organisation_id, "organisation_id", v);
  return v.ToStatus();
}

absl::StatusOr<std::vector<Event>> DecideCreate(const OffreState& state, const CreateOffre& raw,
                                                const nomenclature::Nomenclatures& codes) {
  const CreateOffre c = Normalize(raw);
  if (absl::Status valid = Validate(c, codes); !valid.ok()) return valid;
  const v1::OffreContent content = ContentOf(c);
  if (state.exists()) {
    if (state.offre_id == c.offre_id && state.finess_eg == c.finess_eg &&
        state.organisation_id == c.organisation_id && !state.published && state.draft.has_value() &&
        Same(*state.draft, content)) {
      return std::vector<Event>{};  // already done
    }
    return absl::FailedPreconditionError(
        absl::StrCat("l'offre ", state.offre_id, " existe déjà avec d'autres valeurs"));
  }
  RETURN_IF_ERROR(CheckRattachement(c.organisation_id, c.organisation, c.finess_eg));
  OffreCreated created;
  created.set_offre_id(c.offre_id);
  created.set_nom(c.nom);
  created.set_champ_activite(c.champ_activite);
  created.set_finess_eg(c.finess_eg);
  created.set_organisation_id(c.organisation_id);
  *created.mutable_created_at() = ToProtoTimestamp(c.now);
  *created.mutable_draft() = content;
  return std::vector<Event>{std::move(created)};
}

absl::Status MustExist(const OffreState& state, absl::string_view offre_id) {
  if (!state.exists()) return absl::NotFoundError(absl::StrCat("offre ", offre_id, " introuvable"));
  return absl::OkStatus();
}

// A definitively closed offre stays readable, nothing more.
absl::Status MustBeChangeable(const OffreState& state, absl::string_view offre_id) {
  RETURN_IF_ERROR(MustExist(state, offre_id));
  if (state.closure.has_value() && state.closure->definitive) {
    return absl::FailedPreconditionError(absl::StrCat(
        "l'offre ", offre_id, " est fermée définitivement : elle ne peut plus changer"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Event>> DecideSave(const OffreState& state, const SaveDraft& c,
                                              const nomenclature::Nomenclatures& codes) {
  RETURN_IF_ERROR(MustBeChangeable(state, c.offre_id));
  FieldViolations v;
  if (c.step < 0 || c.step > kLastStep) {
    v.Add("step", "range", absl::StrCat("l'étape va de 0 (aucune vérification) à ", kLastStep));
  }
  v1::OffreContent asked = c.draft;
  if (c.copy_monday_to_week) CopyMondayToWeek(asked);
  // The template is chosen at creation, for good: what a draft says of it is ignored.
  const v1::OffreContent& current = state.draft.has_value() ? *state.draft : state.shown();
  asked.set_modele_saisie(current.modele_saisie());
  asked.set_modele_saisie_version(current.modele_saisie_version());
  const v1::OffreContent draft = NormalizeContent(std::move(asked));
  // Whatever the step, an offre keeps its nom and champ d'activité.
  RETURN_IF_ERROR(CheckContent(draft, std::max(c.step, 1), codes, "draft.", v));
  if (c.modele.has_value()) CheckRestrictions(*c.modele, draft, "draft.", v);
  RETURN_IF_ERROR(v.ToStatus());
  if (state.draft.has_value() && Same(*state.draft, draft)) return std::vector<Event>{};
  if (!state.draft.has_value() && state.published.has_value() && Same(*state.published, draft)) {
    return std::vector<Event>{};  // nothing differs from what is published
  }
  OffreDraftUpdated updated;
  updated.set_offre_id(state.offre_id);
  *updated.mutable_draft() = draft;
  *updated.mutable_updated_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(updated)};
}

absl::StatusOr<std::vector<Event>> DecideValidate(const OffreState& state, const ValidateDraft& c,
                                                  const nomenclature::Nomenclatures& codes) {
  RETURN_IF_ERROR(MustBeChangeable(state, c.offre_id));
  if (!state.draft.has_value()) return std::vector<Event>{};  // validated already
  FieldViolations v;
  RETURN_IF_ERROR(CheckContent(*state.draft, kLastStep, codes, "draft.", v));
  if (!v.empty()) {
    // The draft is the référent's; validating asks for its three steps complete.
    absl::Status incomplete = v.ToStatus();
    return absl::Status(absl::StatusCode::kFailedPrecondition,
                        absl::StrCat("le brouillon ne peut être validé : ", incomplete.message()));
  }
  DraftValidated validated;
  validated.set_offre_id(state.offre_id);
  *validated.mutable_published() = *state.draft;
  *validated.mutable_validated_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(validated)};
}

absl::StatusOr<std::vector<Event>> DecideDiscard(const OffreState& state, const DiscardDraft& c) {
  RETURN_IF_ERROR(MustBeChangeable(state, c.offre_id));
  if (!state.draft.has_value()) return std::vector<Event>{};
  if (!state.published.has_value()) {
    return absl::FailedPreconditionError(
        "cette offre n'a jamais été validée : son brouillon est tout ce qu'elle a, il ne peut "
        "être abandonné");
  }
  DraftDiscarded discarded;
  discarded.set_offre_id(state.offre_id);
  *discarded.mutable_discarded_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(discarded)};
}

absl::StatusOr<std::vector<Event>> DecideDuplicate(const OffreState& state, const DuplicateOffre& c,
                                                   const nomenclature::Nomenclatures& codes) {
  if (state.exists()) {
    if (state.origin_offre_id == c.origin_offre_id) return std::vector<Event>{};  // done already
    return absl::FailedPreconditionError(absl::StrCat("l'offre ", state.offre_id, " existe déjà"));
  }
  // The copy is checked as a draft would be: what was valid may have been withdrawn since.
  FieldViolations v;
  const v1::OffreContent content = NormalizeContent(c.content);
  RETURN_IF_ERROR(CheckContent(content, 1, codes, "draft.", v));
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(CheckRattachement(c.organisation_id, c.organisation, c.finess_eg));
  OffreCreated created;
  created.set_offre_id(c.offre_id);
  created.set_nom(content.nom());
  created.set_champ_activite(content.champ_activite());
  created.set_finess_eg(c.finess_eg);
  *created.mutable_created_at() = ToProtoTimestamp(c.now);
  *created.mutable_draft() = content;
  created.set_origin_offre_id(c.origin_offre_id);
  created.set_organisation_id(c.organisation_id);
  return std::vector<Event>{std::move(created)};
}

absl::StatusOr<std::vector<Event>> DecideClose(const OffreState& state, const CloseOffre& c) {
  RETURN_IF_ERROR(MustExist(state, c.offre_id));
  FieldViolations v;
  if (c.definitive) {
    if (!c.reopening_date.empty()) {
      v.Add("reopening_date", "not_allowed",
            "une fermeture définitive n'a pas de date de réouverture");
    }
  } else if (c.reopening_date.empty()) {
    v.Add("reopening_date", "required",
          "une fermeture temporaire demande une date de réouverture prévue (AAAA-MM-JJ)");
  } else if (!finess::ParseIsoDate(c.reopening_date).has_value()) {
    v.Add("reopening_date", "date",
          absl::StrCat("la date de réouverture doit être une date AAAA-MM-JJ valide (",
                       Quote(c.reopening_date), " reçu)"));
  } else if (c.reopening_date <= absl::FormatTime("%Y-%m-%d", c.now, absl::UTCTimeZone())) {
    v.Add("reopening_date", "future", "la date de réouverture prévue doit être après aujourd'hui");
  }
  RETURN_IF_ERROR(v.ToStatus());
  if (state.closure.has_value()) {
    if (state.closure->definitive) {
      if (c.definitive) return std::vector<Event>{};
      return absl::FailedPreconditionError(
          absl::StrCat("l'offre ", c.offre_id, " est déjà fermée définitivement"));
    }
    if (!c.definitive && state.closure->reopening_date == c.reopening_date) {
      return std::vector<Event>{};
    }
  }
  OffreClosed closed;
  closed.set_offre_id(state.offre_id);
  closed.set_definitive(c.definitive);
  closed.set_reopening_date(c.reopening_date);
  *closed.mutable_closed_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(closed)};
}

absl::StatusOr<std::vector<Event>> DecideReopen(const OffreState& state, const ReopenOffre& c) {
  RETURN_IF_ERROR(MustBeChangeable(state, c.offre_id));
  if (!state.closure.has_value()) return std::vector<Event>{};  // open already
  OffreReopened reopened;
  reopened.set_offre_id(state.offre_id);
  *reopened.mutable_reopened_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(reopened)};
}

std::string Categorie(const EtablissementFacts& eg) {
  if (eg.libelle_categorie.empty()) return absl::StrCat("« ", eg.categorie, " »");
  return absl::StrCat("« ", eg.categorie, " ", eg.libelle_categorie, " »");
}

// Between EGs, an offre moves only to one of the same FINESS category: both must be imported.
absl::Status CheckSameCategory(const OffreState& state, const MoveOffre& c,
                               absl::string_view target_eg) {
  for (const auto& [facts, eg] : {std::pair{&c.from_etablissement, state.finess_eg},
                                  std::pair{&c.to_etablissement, std::string(target_eg)}}) {
    if (!facts->has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "finess_eg : l'établissement ", eg,
          " n'est pas importé dans le ROR ; une offre ne change d'établissement qu'entre "
          "établissements importés de FINESS, dont la catégorie est connue"));
    }
    if ((*facts)->finess_eg != eg) {
      return absl::AbortedError(
          absl::StrCat("l'offre ", state.offre_id, " a changé d'établissement pendant la demande"));
    }
  }
  if (c.from_etablissement->categorie != c.to_etablissement->categorie) {
    return absl::FailedPreconditionError(absl::StrCat(
        "finess_eg : une offre ne se déplace que vers un établissement de la même catégorie "
        "FINESS ; l'établissement ",
        state.finess_eg, " est de catégorie ", Categorie(*c.from_etablissement),
        ", l'établissement ", target_eg, " de catégorie ", Categorie(*c.to_etablissement)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Event>> DecideMove(const OffreState& state, const MoveOffre& c) {
  RETURN_IF_ERROR(MustBeChangeable(state, c.offre_id));
  const std::string asked_eg = absl::AsciiStrToUpper(Trimmed(c.finess_eg));
  const std::string target_eg = asked_eg.empty() ? state.finess_eg : asked_eg;
  const std::string organisation_id = Trimmed(c.organisation_id);
  FieldViolations v;
  CheckFiness(target_eg, "finess_eg", kFinessEgLabel, v);
  CheckOrganisationIdFormat(organisation_id, "organisation_id", v);
  RETURN_IF_ERROR(v.ToStatus());
  if (target_eg == state.finess_eg && organisation_id == state.organisation_id) {
    return std::vector<Event>{};  // it hangs there already
  }
  if (target_eg != state.finess_eg) RETURN_IF_ERROR(CheckSameCategory(state, c, target_eg));
  RETURN_IF_ERROR(CheckRattachement(organisation_id, c.organisation, target_eg));
  OffreMoved moved;
  moved.set_offre_id(state.offre_id);
  moved.set_from_finess_eg(state.finess_eg);
  moved.set_from_organisation_id(state.organisation_id);
  moved.set_finess_eg(target_eg);
  moved.set_organisation_id(organisation_id);
  *moved.mutable_moved_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(moved)};
}

struct EvolveVisitor {
  OffreState& state;
  void operator()(const OffreCreated& e) const {
    state.offre_id = e.offre_id();
    state.finess_eg = e.finess_eg();
    state.organisation_id = e.organisation_id();
    state.created_at = FromProtoTimestamp(e.created_at());
    state.updated_at = state.created_at;
    state.origin_offre_id = e.origin_offre_id();
    if (e.has_draft()) {
      state.draft = e.draft();
      state.draft_saved_at = state.created_at;
    } else {
      // Written before drafts existed: the offre was published at once.
      v1::OffreContent published;
      published.set_nom(e.nom());
      published.set_champ_activite(e.champ_activite());
      state.published = std::move(published);
    }
  }
  void operator()(const OffreDraftUpdated& e) const {
    state.draft = e.draft();
    state.updated_at = FromProtoTimestamp(e.updated_at());
    state.draft_saved_at = state.updated_at;
  }
  void operator()(const DraftValidated& e) const {
    state.published = e.published();
    state.draft.reset();
    state.updated_at = FromProtoTimestamp(e.validated_at());
  }
  void operator()(const DraftDiscarded& e) const {
    state.draft.reset();
    state.updated_at = FromProtoTimestamp(e.discarded_at());
  }
  void operator()(const OffreClosed& e) const {
    state.closure = Closure{.definitive = e.definitive(), .reopening_date = e.reopening_date()};
    state.updated_at = FromProtoTimestamp(e.closed_at());
  }
  void operator()(const OffreReopened& e) const {
    state.closure.reset();
    state.updated_at = FromProtoTimestamp(e.reopened_at());
  }
  void operator()(const OffreMoved& e) const {
    state.finess_eg = e.finess_eg();
    state.organisation_id = e.organisation_id();
    state.updated_at = FromProtoTimestamp(e.moved_at());
  }
};

}  // namespace

absl::StatusOr<std::vector<Event>> Decide(const OffreState& state, const Command& command,
                                          const nomenclature::Nomenclatures& codes) {
  struct Visitor {
    const OffreState& state;
    const nomenclature::Nomenclatures& codes;
    auto operator()(const CreateOffre& c) const { return DecideCreate(state, c, codes); }
    auto operator()(const SaveDraft& c) const { return DecideSave(state, c, codes); }
    auto operator()(const ValidateDraft& c) const { return DecideValidate(state, c, codes); }
    auto operator()(const DiscardDraft& c) const { return DecideDiscard(state, c); }
    auto operator()(const DuplicateOffre& c) const { return DecideDuplicate(state, c, codes); }
    auto operator()(const CloseOffre& c) const { return DecideClose(state, c); }
    auto operator()(const ReopenOffre& c) const { return DecideReopen(state, c); }
    auto operator()(const MoveOffre& c) const { return DecideMove(state, c); }
  };
  return std::visit(Visitor{state, codes}, command);
}

const v1::OffreContent& OffreState::shown() const {
  if (published.has_value()) return *published;
  if (draft.has_value()) return *draft;
  return v1::OffreContent::default_instance();
}

OffreState Evolve(OffreState state, const Event& event) {
  std::visit(EvolveVisitor{state}, event);
  ++state.version;
  return state;
}

OffreState Fold(const std::vector<Event>& events) {
  OffreState state;
  for (const Event& e : events) state = Evolve(std::move(state), e);
  return state;
}

}  // namespace ror::offre::domain
