#include "services/offre/app/etablissement_handler.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::app {
namespace {

constexpr char kEtablissementImported[] = "EtablissementImported";

std::string EtablissementStream(absl::string_view finess_eg) {
  return absl::StrCat(kEtablissementCategory, "-", finess_eg);
}

v1::EventEnvelope Encode(const domain::EtablissementEvent& event) {
  v1::EventEnvelope envelope;
  envelope.set_event_type(kEtablissementImported);
  envelope.set_schema_version(1);
  envelope.set_payload(std::get<domain::EtablissementImported>(event).SerializeAsString());
  return envelope;
}

absl::StatusOr<domain::EtablissementEvent> Decode(const v1::EventEnvelope& envelope) {
  if (envelope.event_type() != kEtablissementImported || envelope.schema_version() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("event ", envelope.event_id(), ": type ", envelope.event_type(), " v",
                     envelope.schema_version(), " unknown to this build"));
  }
  domain::EtablissementImported imported;
  if (!imported.ParseFromString(envelope.payload())) {
    return absl::DataLossError(absl::StrCat("event ", envelope.event_id(), ": payload unreadable"));
  }
  return imported;
}

}  // namespace

absl::StatusOr<domain::EtablissementState> EtablissementHandler::Load(absl::string_view finess_eg) {
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes =
      store_.ReadStream(EtablissementStream(finess_eg), 1, SIZE_MAX);
  if (absl::IsNotFound(envelopes.status())) return domain::EtablissementState{};
  if (!envelopes.ok()) return envelopes.status();
  domain::EtablissementState state;
  for (const v1::EventEnvelope& envelope : *envelopes) {
    ASSIGN_OR_RETURN(domain::EtablissementEvent event, Decode(envelope));
    state = domain::Evolve(std::move(state), event);
  }
  return state;
}

absl::StatusOr<ImportResult> EtablissementHandler::Import(const v1::EtablissementFiche& fiche,
                                                          absl::string_view source,
                                                          const CommandContext& ctx) {
  const v1::EtablissementFiche normalized = domain::NormalizeFiche(fiche);
  RETURN_IF_ERROR(domain::ValidateFiche(normalized));
  const domain::ImportEtablissement command{
      .fiche = normalized, .source = std::string(source), .now = clock_.Now()};
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(domain::EtablissementState state, Load(normalized.finess_eg()));
    ASSIGN_OR_RETURN(std::vector<domain::EtablissementEvent> events,
                     domain::Decide(state, command));
    if (events.empty()) return ImportResult{ImportKind::kUnchanged, std::move(state)};
    const std::string request_id = ids_.NewId();
    std::vector<v1::EventEnvelope> envelopes;
    for (const auto& event : events) {
      v1::EventEnvelope envelope = Encode(event);
      StampContext(ctx, request_id, ids_.NewId(), envelope);
      envelopes.push_back(std::move(envelope));
    }
    const bool created = !state.exists();
    absl::StatusOr<eventstore::AppendResult> appended =
        store_.Append(EtablissementStream(normalized.finess_eg()), state.version,
                      std::move(envelopes), request_id);
    if (appended.ok()) {
      for (const auto& event : events) state = domain::Evolve(std::move(state), event);
      return ImportResult{created ? ImportKind::kCreated : ImportKind::kUpdated, std::move(state)};
    }
    // Another import of the same EG went first: decide again on what it wrote.
    if (!absl::IsAborted(appended.status()) || attempt == kMaxRetries) return appended.status();
  }
}

absl::StatusOr<domain::EtablissementState> EtablissementHandler::Get(absl::string_view finess_eg) {
  const std::string number = absl::AsciiStrToUpper(finess_eg);
  if (!domain::IsFinessFormat(number)) {
    FieldViolations v;
    v.Add("finess_eg", "format",
          "le numéro FINESS compte 9 caractères : 9 chiffres, ou 2A/2B puis 7 chiffres en Corse");
    return v.ToStatus();
  }
  ASSIGN_OR_RETURN(domain::EtablissementState state, Load(number));
  if (!state.exists()) {
    return absl::NotFoundError(absl::StrCat("établissement ", number, " introuvable"));
  }
  return state;
}

}  // namespace ror::offre::app
