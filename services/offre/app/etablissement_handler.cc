#include "services/offre/app/etablissement_handler.h"

#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/command_loop.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::app {
namespace {

constexpr char kEtablissementImported[] = "EtablissementImported";
constexpr char kEntiteJuridiqueImported[] = "EntiteJuridiqueImported";

std::string EtablissementStream(absl::string_view finess_eg) {
  return absl::StrCat(kEtablissementCategory, "-", finess_eg);
}

// In the same category (and topic) as the EGs, apart from their streams whatever the numbers.
std::string EntiteJuridiqueStream(absl::string_view finess_ej) {
  return absl::StrCat(kEtablissementCategory, "-ej-", finess_ej);
}

template <typename Event>
v1::EventEnvelope EncodeOne(const Event& event, const char* type) {
  v1::EventEnvelope envelope;
  envelope.set_event_type(type);
  envelope.set_schema_version(1);
  envelope.set_payload(event.SerializeAsString());
  return envelope;
}

template <typename Event>
absl::StatusOr<Event> DecodeOne(const v1::EventEnvelope& envelope, const char* type) {
  if (envelope.event_type() != type || envelope.schema_version() != 1) {
    return absl::FailedPreconditionError(
        absl::StrCat("event ", envelope.event_id(), ": type ", envelope.event_type(), " v",
                     envelope.schema_version(), " unknown to this build"));
  }
  Event event;
  if (!event.ParseFromString(envelope.payload())) {
    return absl::DataLossError(absl::StrCat("event ", envelope.event_id(), ": payload unreadable"));
  }
  return event;
}

v1::EventEnvelope Encode(const domain::EtablissementEvent& event) {
  return EncodeOne(std::get<domain::EtablissementImported>(event), kEtablissementImported);
}

absl::StatusOr<domain::EtablissementEvent> Decode(const v1::EventEnvelope& envelope) {
  return DecodeOne<domain::EtablissementImported>(envelope, kEtablissementImported);
}

v1::EventEnvelope EncodeEj(const domain::EntiteJuridiqueEvent& event) {
  return EncodeOne(std::get<domain::EntiteJuridiqueImported>(event), kEntiteJuridiqueImported);
}

absl::StatusOr<domain::EntiteJuridiqueEvent> DecodeEj(const v1::EventEnvelope& envelope) {
  return DecodeOne<domain::EntiteJuridiqueImported>(envelope, kEntiteJuridiqueImported);
}

ImportKind KindOf(bool recorded, bool existed) {
  return !recorded ? ImportKind::kUnchanged : existed ? ImportKind::kUpdated : ImportKind::kCreated;
}

// INVALID_ARGUMENT on `field` when `number` is not a FINESS number.
absl::Status CheckFinessNumber(const std::string& number, absl::string_view field) {
  if (domain::IsFinessFormat(number)) return absl::OkStatus();
  FieldViolations v;
  v.Add(field, "format",
        "le numéro FINESS compte 9 caractères : 9 chiffres, ou 2A/2B puis 7 chiffres en Corse");
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<domain::EtablissementState> EtablissementHandler::Load(absl::string_view finess_eg) {
  return eventstore::LoadStream<domain::EtablissementState>(store_, EtablissementStream(finess_eg),
                                                            Decode);
}

absl::StatusOr<ImportResult> EtablissementHandler::Import(const v1::EtablissementFiche& fiche,
                                                          absl::string_view source,
                                                          const CommandContext& ctx) {
  // FINESS is national: one extract touches every région.
  RETURN_IF_ERROR(CheckNationalAdministrateur(ctx));
  const v1::EtablissementFiche normalized = domain::NormalizeFiche(fiche);
  RETURN_IF_ERROR(domain::ValidateFiche(normalized));
  const domain::ImportEtablissement command{
      .fiche = normalized, .source = std::string(source), .now = clock_.Now()};
  // Imports need no request_id of their own: an identical fiche decides no event.
  ASSIGN_OR_RETURN(
      auto outcome,
      eventstore::RunCommand<domain::EtablissementState>(
          store_, clock_, ids_, EtablissementStream(normalized.finess_eg()), ids_.NewId(),
          [&](const domain::EtablissementState& state) { return domain::Decide(state, command); },
          Decode, Encode, std::bind_front(StampContext, std::cref(ctx))));
  return ImportResult{KindOf(!outcome.events.empty(), outcome.before.exists()),
                      std::move(outcome.after)};
}

absl::StatusOr<domain::EtablissementState> EtablissementHandler::Get(absl::string_view finess_eg) {
  const std::string number = absl::AsciiStrToUpper(finess_eg);
  RETURN_IF_ERROR(CheckFinessNumber(number, "finess_eg"));
  ASSIGN_OR_RETURN(domain::EtablissementState state, Load(number));
  if (!state.exists()) {
    return absl::NotFoundError(absl::StrCat("établissement ", number, " introuvable"));
  }
  return state;
}

absl::StatusOr<EntiteJuridiqueImportResult> EtablissementHandler::ImportEntiteJuridique(
    const v1::EntiteJuridiqueFiche& fiche, absl::string_view source, const CommandContext& ctx) {
  RETURN_IF_ERROR(CheckNationalAdministrateur(ctx));
  const v1::EntiteJuridiqueFiche normalized = domain::NormalizeEntiteJuridique(fiche);
  RETURN_IF_ERROR(domain::ValidateEntiteJuridique(normalized));
  const domain::ImportEntiteJuridique command{
      .fiche = normalized, .source = std::string(source), .now = clock_.Now()};
  ASSIGN_OR_RETURN(
      auto outcome,
      eventstore::RunCommand<domain::EntiteJuridiqueState>(
          store_, clock_, ids_, EntiteJuridiqueStream(normalized.finess_ej()), ids_.NewId(),
          [&](const domain::EntiteJuridiqueState& state) { return domain::Decide(state, command); },
          DecodeEj, EncodeEj, std::bind_front(StampContext, std::cref(ctx))));
  return EntiteJuridiqueImportResult{KindOf(!outcome.events.empty(), outcome.before.exists()),
                                     std::move(outcome.after)};
}

absl::StatusOr<domain::EntiteJuridiqueState> EtablissementHandler::GetEntiteJuridique(
    absl::string_view finess_ej) {
  const std::string number = absl::AsciiStrToUpper(finess_ej);
  RETURN_IF_ERROR(CheckFinessNumber(number, "finess_ej"));
  ASSIGN_OR_RETURN(domain::EntiteJuridiqueState state,
                   eventstore::LoadStream<domain::EntiteJuridiqueState>(
                       store_, EntiteJuridiqueStream(number), DecodeEj));
  if (!state.exists()) {
    return absl::NotFoundError(absl::StrCat("entité juridique ", number, " introuvable"));
  }
  return state;
}

}  // namespace ror::offre::app
