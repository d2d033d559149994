#pragma once

#include <optional>

#include "absl/strings/string_view.h"

namespace ror::offre::domain {

// Nomenclature J20 "ChampActivite" (TRE_R227): the field of activity every offer declares.
// A small constant table until libs/nomenclature serves the national lists.
struct ChampActivite {
  absl::string_view code;   // "01"
  absl::string_view label;  // "Médecine, Chirurgie, Obstétrique (MCO)"
};

// The J20 entry for `code`, if it is one.
std::optional<ChampActivite> FindChampActivite(absl::string_view code);

// "01 (MCO), 02 (SMR), …" for error messages.
absl::string_view ChampActiviteCodesForHumans();

}  // namespace ror::offre::domain
