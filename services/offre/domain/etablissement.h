#pragma once

// The Etablissement aggregate (one établissement géographique, stream "etablissement-<FINESS>")
// as a decider (DESIGN §2). FINESS is the source of truth for what it holds: an import replaces
// the fiche when the extract is new or changed, and changes nothing when it is identical or older.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/events/etablissement_events.pb.h"

namespace ror::offre::domain {

using EtablissementImported = v1::events::EtablissementImported;
using EtablissementEvent = std::variant<EtablissementImported>;

struct EtablissementState {
  v1::EtablissementFiche fiche;  // empty finess_eg while the EG does not exist
  std::string source;            // the extract of the last change
  absl::Time created_at = absl::InfinitePast();
  absl::Time updated_at = absl::InfinitePast();
  int64_t version = 0;

  bool exists() const { return !fiche.finess_eg().empty(); }
};

struct ImportEtablissement {
  v1::EtablissementFiche fiche;
  std::string source;
  absl::Time now;
};
using EtablissementCommand = std::variant<ImportEtablissement>;

// The fiche as it will be recorded: blanks trimmed, FINESS numbers upper-cased (2A/2B).
v1::EtablissementFiche NormalizeFiche(v1::EtablissementFiche fiche);

// INVALID_ARGUMENT naming every broken rule (fields as "fiche.<name>").
absl::Status ValidateFiche(const v1::EtablissementFiche& fiche);

absl::StatusOr<std::vector<EtablissementEvent>> Decide(const EtablissementState& state,
                                                       const EtablissementCommand& command);

EtablissementState Evolve(EtablissementState state, const EtablissementEvent& event);

}  // namespace ror::offre::domain
