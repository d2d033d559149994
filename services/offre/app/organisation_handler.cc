#include "services/offre/app/organisation_handler.h"

#include <functional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/command_loop.h"
#include "services/offre/app/organisation_codec.h"

namespace ror::offre::app {
namespace {

absl::Status ValidateOrganisationId(absl::string_view organisation_id) {
  FieldViolations v;
  if (!IsUuid(organisation_id)) {
    v.Add("organisation_id", "format",
          "l'identifiant d'une organisation est un UUID en minuscules "
          "(8-4-4-4-12 chiffres hexadécimaux)");
  }
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<OrganisationHandler>> OrganisationHandler::Open(
    eventstore::EventStore& store, EtablissementHandler& etablissements, OpenOffres& offres,
    const nomenclature::Nomenclatures& codes, const Clock& clock, IdGenerator& ids) {
  std::unique_ptr<OrganisationHandler> handler(
      new OrganisationHandler(store, etablissements, offres, codes, clock, ids));
  RETURN_IF_ERROR(handler->index_.Rebuild(store));
  return handler;
}

absl::StatusOr<std::string> OrganisationHandler::IdForCreation(const CommandContext& ctx,
                                                               bool& retried) {
  retried = false;
  if (!ctx.request_id.empty()) {
    ASSIGN_OR_RETURN(std::optional<eventstore::RequestOutcome> first,
                     store_.FindRequest(ctx.request_id));
    if (first.has_value()) {
      if (std::optional<std::string> id = OrganisationIdOf(first->stream_id)) {
        retried = true;
        return *std::move(id);
      }
    }
  }
  return ids_.NewId();
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Create(
    const NewOrganisation& organisation, const CommandContext& ctx) {
  RETURN_IF_ERROR(ValidateRequestId(ctx.request_id));
  std::lock_guard lock(structure_mu_);
  bool retried = false;
  ASSIGN_OR_RETURN(const std::string organisation_id, IdForCreation(ctx, retried));

  domain::CreateOrganisation command{.organisation_id = organisation_id,
                                     .type = organisation.type,
                                     .nom = organisation.nom,
                                     .finess_eg = organisation.finess_eg,
                                     .parent_id = organisation.parent_id,
                                     .boite_lettre_mss = organisation.boite_lettre_mss,
                                     .now = clock_.Now()};
  // The facts the decider needs, looked up as it will read them (trimmed, FINESS upper-cased);
  // malformed values are left for the decider to report with the other field violations.
  const std::string finess_eg =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(organisation.finess_eg));
  absl::StatusOr<domain::EtablissementState> eg = etablissements_.Get(finess_eg);
  if (!eg.ok() && !absl::IsNotFound(eg.status()) && !absl::IsInvalidArgument(eg.status())) {
    return eg.status();
  }
  command.etablissement_exists = eg.ok();
  const absl::string_view parent_id = absl::StripAsciiWhitespace(organisation.parent_id);
  if (!parent_id.empty()) command.parent = index_.Find(parent_id);

  const std::string request_id = ctx.request_id.empty() ? ids_.NewId() : ctx.request_id;
  absl::StatusOr<domain::OrganisationState> created =
      Execute(organisation_id, command, request_id, ctx);
  if (retried && absl::IsFailedPrecondition(created.status())) {
    return absl::FailedPreconditionError(
        absl::StrCat("request_id « ", ctx.request_id,
                     " » : déjà utilisé pour créer l'organisation ", organisation_id,
                     " avec d'autres valeurs ; une nouvelle demande a besoin d'une nouvelle "
                     "clé"));
  }
  return created;
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Update(
    absl::string_view organisation_id, const OrganisationChanges& changes,
    const CommandContext& ctx) {
  RETURN_IF_ERROR(ValidateRequestId(ctx.request_id));
  RETURN_IF_ERROR(ValidateOrganisationId(organisation_id));
  const domain::UpdateOrganisation command{.organisation_id = std::string(organisation_id),
                                           .nom = changes.nom,
                                           .boite_lettre_mss = changes.boite_lettre_mss,
                                           .now = clock_.Now(),
                                           .contacts = changes.contacts};
  const std::string request_id = ctx.request_id.empty() ? ids_.NewId() : ctx.request_id;
  return Execute(organisation_id, command, request_id, ctx);
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Close(
    absl::string_view organisation_id, const CommandContext& ctx) {
  RETURN_IF_ERROR(ValidateRequestId(ctx.request_id));
  RETURN_IF_ERROR(ValidateOrganisationId(organisation_id));
  std::lock_guard lock(structure_mu_);
  domain::CloseOrganisation command{.organisation_id = std::string(organisation_id),
                                    .now = clock_.Now(),
                                    .open_children = index_.OpenChildrenOf(organisation_id)};
  ASSIGN_OR_RETURN(command.open_offre_ids, offres_.OpenOffresOf(organisation_id));
  const std::string request_id = ctx.request_id.empty() ? ids_.NewId() : ctx.request_id;
  return Execute(organisation_id, command, request_id, ctx);
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Get(
    absl::string_view organisation_id) {
  RETURN_IF_ERROR(ValidateOrganisationId(organisation_id));
  ASSIGN_OR_RETURN(domain::OrganisationState state, Load(organisation_id));
  if (!state.exists()) {
    return absl::NotFoundError(absl::StrCat("organisation ", organisation_id, " introuvable"));
  }
  return state;
}

absl::StatusOr<EtablissementTree> OrganisationHandler::Tree(absl::string_view finess_eg,
                                                            bool include_closed) {
  ASSIGN_OR_RETURN(domain::EtablissementState eg, etablissements_.Get(finess_eg));
  std::vector<domain::OrganisationState> organisations =
      index_.OfEtablissement(eg.fiche.finess_eg());
  if (!include_closed) {
    std::erase_if(organisations, [](const domain::OrganisationState& o) { return o.closed; });
  }
  return EtablissementTree{.etablissement = std::move(eg),
                           .organisations = domain::BuildTree(organisations)};
}

std::optional<domain::OrganisationFacts> OrganisationHandler::FindOrganisation(
    absl::string_view organisation_id) {
  std::optional<domain::OrganisationState> found = index_.Find(organisation_id);
  if (!found.has_value()) return std::nullopt;
  return domain::OrganisationFacts{.organisation_id = found->organisation_id,
                                   .finess_eg = found->finess_eg,
                                   .nom = found->nom,
                                   .closed = found->closed};
}

absl::StatusOr<std::vector<BreadcrumbStep>> OrganisationHandler::Breadcrumb(
    absl::string_view organisation_id) {
  ASSIGN_OR_RETURN(domain::OrganisationState leaf, Get(organisation_id));
  ASSIGN_OR_RETURN(std::vector<domain::OrganisationState> lineage,
                   domain::Lineage(leaf, [this](absl::string_view id) { return index_.Find(id); }));
  ASSIGN_OR_RETURN(domain::EtablissementState eg, etablissements_.Get(leaf.finess_eg));
  std::vector<BreadcrumbStep> steps = {
      {.type = "EJ", .id = eg.fiche.finess_ej(), .nom = ""},
      {.type = domain::kEtablissementGeographique,
       .id = eg.fiche.finess_eg(),
       .nom = eg.fiche.raison_sociale()},
  };
  for (const domain::OrganisationState& o : lineage) {
    steps.push_back({.type = o.type, .id = o.organisation_id, .nom = o.nom});
  }
  return steps;
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Load(
    absl::string_view organisation_id) {
  return eventstore::LoadStream<domain::OrganisationState>(
      store_, OrganisationStreamId(organisation_id), DecodeOrganisationEvent);
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Execute(
    absl::string_view organisation_id, const domain::OrganisationCommand& command,
    const std::string& request_id, const CommandContext& ctx) {
  ASSIGN_OR_RETURN(auto outcome,
                   eventstore::RunCommand<domain::OrganisationState>(
                       store_, clock_, ids_, OrganisationStreamId(organisation_id), request_id,
                       [&](const domain::OrganisationState& state)
                           -> absl::StatusOr<std::vector<domain::OrganisationEvent>> {
                         // The EG the organisation hangs on, or the one it is created under.
                         std::string eg = state.finess_eg;
                         if (const auto* create = std::get_if<domain::CreateOrganisation>(&command)) {
                           eg = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(create->finess_eg));
                         }
                         authz::EtablissementScope scope =
                             eg.empty() ? authz::EtablissementScope{} : scopes_.Of(eg);
                         RETURN_IF_ERROR(CheckMayChange(ctx, scope));
                         return domain::Decide(state, command, codes_);
                       },
                       DecodeOrganisationEvent, EncodeOrganisationEvent,
                       std::bind_front(StampContext, std::cref(ctx))));
  if (outcome.after.exists()) index_.Put(outcome.after);
  return std::move(outcome.after);
}

}  // namespace ror::offre::app
