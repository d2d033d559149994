#pragma once

// What the fiches FINESS gives (an établissement géographique's, an entité juridique's) share:
// how they are cleaned, checked field by field, and when a new import replaces the known one.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"

namespace ror::offre::domain {

// Every string field of `fiche` without the blanks around it.
void TrimStringFields(google::protobuf::Message& fiche);

// Violations are named "fiche.<field>"; `label` names the field for a person ("la commune").
void CheckFicheText(FieldViolations& v, absl::string_view field, absl::string_view label,
                    const std::string& value, bool required);
// Exactly `count` digits, when given.
void CheckFicheDigits(FieldViolations& v, absl::string_view field, absl::string_view label,
                      const std::string& value, size_t count);
// A valid YYYY-MM-DD date, when given.
void CheckFicheDate(FieldViolations& v, absl::string_view field, absl::string_view label,
                    const std::string& value);

// Whether importing `incoming` over `known` records a change. Not when FINESS's update date says
// it is older (an older extract never undoes a newer one), nor when nothing but that date differs.
bool ReplacesFiche(const google::protobuf::Message& known, const std::string& known_date,
                   const google::protobuf::Message& incoming, const std::string& incoming_date);

// The decision of both FINESS aggregates on an import of `fiche` (normalized and valid) under
// FINESS number `number`: the one `Imported` event to record, or none. `State` has fiche and
// exists(); `what` names the aggregate for a person ("l'entité juridique").
template <typename Event, typename Imported, typename State, typename Fiche>
absl::StatusOr<std::vector<Event>> DecideFicheImport(const State& state,
                                                     const std::string& known_number, Fiche fiche,
                                                     const std::string& number,
                                                     absl::string_view what,
                                                     const std::string& source, absl::Time now) {
  if (state.exists()) {
    if (known_number != number) {
      return absl::FailedPreconditionError(
          absl::StrCat(what, " ", known_number, " ne peut recevoir la fiche de ", number));
    }
    if (!ReplacesFiche(state.fiche, state.fiche.date_mise_a_jour_finess(), fiche,
                       fiche.date_mise_a_jour_finess())) {
      return std::vector<Event>{};
    }
  }
  Imported event;
  *event.mutable_fiche() = std::move(fiche);
  event.set_source(source);
  *event.mutable_imported_at() = ToProtoTimestamp(now);
  event.set_created(!state.exists());
  return std::vector<Event>{std::move(event)};
}

// What an import's event makes of `state`: the fiche replaced, one version more.
template <typename State, typename Imported>
State EvolveFicheImport(State state, const Imported& imported) {
  const absl::Time at = FromProtoTimestamp(imported.imported_at());
  if (!state.exists()) state.created_at = at;
  state.fiche = imported.fiche();
  state.source = imported.source();
  state.updated_at = at;
  ++state.version;
  return state;
}

}  // namespace ror::offre::domain
