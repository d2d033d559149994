#pragma once

// The EntiteJuridique aggregate (one entité juridique, stream "etablissement-ej-<FINESS>") as a
// decider (DESIGN §2). Like an EG, FINESS is the source of truth: an import replaces the fiche
// when it is new or changed, and changes nothing when it is identical or older.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/events/etablissement_events.pb.h"

namespace ror::offre::domain {

using EntiteJuridiqueImported = v1::events::EntiteJuridiqueImported;
using EntiteJuridiqueEvent = std::variant<EntiteJuridiqueImported>;

struct EntiteJuridiqueState {
  v1::EntiteJuridiqueFiche fiche;  // empty finess_ej while the EJ does not exist
  std::string source;              // the extract of the last change
  absl::Time created_at = absl::InfinitePast();
  absl::Time updated_at = absl::InfinitePast();
  int64_t version = 0;

  bool exists() const { return !fiche.finess_ej().empty(); }
};

struct ImportEntiteJuridique {
  v1::EntiteJuridiqueFiche fiche;
  std::string source;
  absl::Time now;
};
using EntiteJuridiqueCommand = std::variant<ImportEntiteJuridique>;

// The fiche as it will be recorded: blanks trimmed, the FINESS number upper-cased (2A/2B).
v1::EntiteJuridiqueFiche NormalizeEntiteJuridique(v1::EntiteJuridiqueFiche fiche);

// INVALID_ARGUMENT naming every broken rule (fields as "fiche.<name>").
absl::Status ValidateEntiteJuridique(const v1::EntiteJuridiqueFiche& fiche);

absl::StatusOr<std::vector<EntiteJuridiqueEvent>> Decide(const EntiteJuridiqueState& state,
                                                         const EntiteJuridiqueCommand& command);

EntiteJuridiqueState Evolve(EntiteJuridiqueState state, const EntiteJuridiqueEvent& event);

}  // namespace ror::offre::domain
