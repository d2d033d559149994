#pragma once

// The national data-quality rules that need only an offre's own data (reference §6), as
// anomalies a référent can act on. Computed on the published version (or the draft of an offre
// never validated), since that is what users of the directory see.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain {

struct Anomaly {
  std::string rule;         // "RE1.2", "CO1", "CO3"
  std::string description;  // French, for the référent
};

// RE1.2: an offre not updated for 12 months breaks the annual update obligation.
inline constexpr absl::Duration kAnnualUpdate = absl::Hours(24 * 365);

// The rules `state` breaks at `now`; empty when it breaks none. A closed-for-good offre breaks
// none: it is no longer maintained.
std::vector<Anomaly> QualityAnomalies(const OffreState& state, absl::Time now);

}  // namespace ror::offre::domain
