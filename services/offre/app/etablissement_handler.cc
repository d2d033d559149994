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
  const ImportKind kind = outcome.events.empty()    ? ImportKind::kUnchanged
                          : outcome.before.exists() ? ImportKind::kUpdated
                                                    : ImportKind::kCreated;
  return ImportResult{kind, std::move(outcome.after)};
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
