#pragma once

// Grows a real sample into a synthetic FINESS population of any size, for import benchmarks.

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "libs/finess/etablissement_record.h"

namespace ror::finess {

// Hands `count` establishments to `emit`: the sources themselves first, then copies of them in
// turn, each copy under a new FINESS ET number that is well formed (same two-character
// département prefix, six digits, Luhn key) and unique among the sources and the other copies.
// Everything else of a copy — EJ, name, address, category, position — is its source's, so the
// population keeps the real mix of categories and places.
// INVALID_ARGUMENT when there is no source or `count` is negative; RESOURCE_EXHAUSTED when a
// département runs out of its million numbers.
absl::Status Replicate(const std::vector<EtablissementRecord>& sources, int64_t count,
                       const std::function<void(const EtablissementRecord&)>& emit);

}  // namespace ror::finess
