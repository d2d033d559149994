#pragma once

// How a national code list is named. Files are named after the NOS identifier of the list:
//   JDV_J20-ChampActivite-ROR   a jeu de valeurs (ValueSet) bound by the ROR
//   TRE_R338-ModaliteAccueil    a terminologie de référence (CodeSystem)
// People and code say "J20" or "R338": that short id is unique across the NOS.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::nomenclature {

struct ListId {
  std::string full;      // "JDV_J20-ChampActivite-ROR"
  std::string short_id;  // "J20"
  std::string name;      // "ChampActivite"

  // https://mos.esante.gouv.fr/NOS/JDV_J20-ChampActivite-ROR/FHIR/JDV-J20-ChampActivite-ROR, the
  // canonical URL of the ValueSet (JDV) or CodeSystem (TRE).
  std::string CanonicalUrl() const;
};

// Parses a NOS list name (a file name without ".csv"): "JDV_" or "TRE_", a short id made of
// capital letters then digits, "-", a name, and for a JDV an optional "-ROR" suffix.
// INVALID_ARGUMENT says what was expected.
absl::StatusOr<ListId> ParseListId(absl::string_view full);

}  // namespace ror::nomenclature
