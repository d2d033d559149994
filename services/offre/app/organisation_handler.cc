#include "services/offre/app/organisation_handler.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "services/offre/app/organisation_codec.h"

namespace ror::offre::app {
namespace {

constexpr size_t kMaxRequestIdLength = 200;  // the store's limit

absl::Status ValidateRequestId(absl::string_view request_id) {
  FieldViolations v;
  if (request_id.size() > kMaxRequestIdLength) {
    v.Add(
        "request_id", "max_length",
        absl::StrCat("la clé d'idempotence ne doit pas dépasser ", kMaxRequestIdLength, " octets"));
  }
  return v.ToStatus();
}

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
                                           .now = clock_.Now()};
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
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes =
      store_.ReadStream(OrganisationStreamId(organisation_id), 1, SIZE_MAX);
  if (absl::IsNotFound(envelopes.status())) return domain::OrganisationState{};
  if (!envelopes.ok()) return envelopes.status();
  domain::OrganisationState state;
  for (const v1::EventEnvelope& envelope : *envelopes) {
    ASSIGN_OR_RETURN(domain::OrganisationEvent event, DecodeOrganisationEvent(envelope));
    state = domain::Evolve(std::move(state), event);
  }
  return state;
}

absl::StatusOr<domain::OrganisationState> OrganisationHandler::Execute(
    absl::string_view organisation_id, const domain::OrganisationCommand& command,
    const std::string& request_id, const CommandContext& ctx) {
  const std::string stream_id = OrganisationStreamId(organisation_id);
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(domain::OrganisationState state, Load(organisation_id));
    ASSIGN_OR_RETURN(std::vector<domain::OrganisationEvent> events,
                     domain::Decide(state, command, codes_));
    if (events.empty()) return state;

    const absl::Time now = clock_.Now();
    std::vector<v1::EventEnvelope> envelopes;
    for (const domain::OrganisationEvent& event : events) {
      v1::EventEnvelope envelope = EncodeOrganisationEvent(event);
      *envelope.mutable_occurred_at() = ToProtoTimestamp(now);
      StampContext(ctx, request_id, ids_.NewId(), envelope);
      envelopes.push_back(std::move(envelope));
    }
    const std::string first_event_id = envelopes.front().event_id();
    absl::StatusOr<eventstore::AppendResult> appended =
        store_.Append(stream_id, state.version, std::move(envelopes), request_id);
    if (appended.ok()) {
      if (appended->deduplicated) {
        // A retry of a request that already went through: what the stream holds is the outcome.
        ASSIGN_OR_RETURN(state, Load(organisation_id));
      } else {
        log::Info("events appended", {{"stream_id", stream_id},
                                      {"version", absl::StrCat(appended->last_version)},
                                      {"event_id", first_event_id},
                                      {"trace_id", TraceId(ctx)}});
        for (const auto& event : events) state = domain::Evolve(std::move(state), event);
      }
      index_.Put(state);
      return state;
    }
    if (!absl::IsAborted(appended.status()) || attempt == kMaxRetries) return appended.status();
    log::Info("version conflict, deciding again",
              {{"stream_id", stream_id}, {"attempt", absl::StrCat(attempt + 1)}});
  }
}

}  // namespace ror::offre::app
