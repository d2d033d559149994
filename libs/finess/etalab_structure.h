#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "libs/finess/etablissement_record.h"

namespace ror::finess {

// Fields of a `structureet` record, counting the tag itself: 32 with the trailing numuai the
// published extracts carry; 31 as in the cs1100507 column spec, which ends at datemaj.
inline constexpr size_t kStructureEtFields = 32;
inline constexpr size_t kStructureEtFieldsWithoutNumuai = 31;

// Fills `*out` (all but `line` and the position) from the ';'-split fields of a structureet line,
// fields[0] being the tag. Returns why the line is rejected, in French, or an empty string.
// `out->finess_eg` is set whenever a nofinesset is present, even on rejection.
std::string ParseStructureEt(const std::vector<absl::string_view>& fields,
                             EtablissementRecord* out);

}  // namespace ror::finess
