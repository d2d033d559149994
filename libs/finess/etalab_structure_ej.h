#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "libs/finess/entite_juridique_record.h"

namespace ror::finess {

// Fields of a `structureej` record, counting the tag itself: 23 as in the cs1100501 column spec,
// which ends at datecrea; 24 with the trailing datemaj that published extracts may add, as they
// add numuai to structureet.
inline constexpr size_t kStructureEjFields = 23;
inline constexpr size_t kStructureEjFieldsWithDateMaj = 24;

// Fills `*out` (all but `line`) from the ';'-split fields of a structureej line, fields[0] being
// the tag. Returns why the line is rejected, in French, or an empty string.
// `out->finess_ej` is set whenever a nofiness is present, even on rejection.
std::string ParseStructureEj(const std::vector<absl::string_view>& fields,
                             EntiteJuridiqueRecord* out);

}  // namespace ror::finess
