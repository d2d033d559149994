#pragma once

// What the project knows about national lists that their CSV files do not say: a French title
// for error messages, and which extracted CodeSystem stands in for a JDV that was not extracted.

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace ror::nomenclature {

// "Champ d'activité" for "J20"; empty for a list the catalog does not know (callers then show the
// name from the file, e.g. "ChampActivite").
absl::string_view FrenchTitle(absl::string_view short_id);

// A JDV answered by the CodeSystem it is drawn from, when only the CodeSystem was extracted
// (shared/data/nomenclatures/README.md). The CodeSystem may hold codes the JDV leaves out, so a
// stand-in can accept slightly more than the JDV would; a file of the JDV itself, once loaded,
// takes precedence.
struct StandIn {
  absl::string_view jdv;  // "J226"
  absl::string_view tre;  // "R338"
};
absl::Span<const StandIn> StandIns();

}  // namespace ror::nomenclature
