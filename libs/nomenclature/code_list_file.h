#pragma once

// Reads one list file into a CodeList. The file is UTF-8 CSV with the header
//   code,label,code_system[,status]
// in any column order. `status` is optional: "active" or "" (active), "deprecated". When the
// file has no status column, deprecation comes from known_deprecations.h; when it has one, the file
// alone decides (so a reactivated code can be published without a rebuild).

#include <filesystem>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/nomenclature/code_list.h"
#include "libs/nomenclature/list_id.h"

namespace ror::nomenclature {

// Parses the text of a list file. Errors are INVALID_ARGUMENT (ALREADY_EXISTS for a repeated
// (system, code)) and read « <source> : ligne N : … ».
absl::StatusOr<CodeList> ParseCodeList(ListId id, absl::string_view text, absl::string_view source);

// Reads `file`, named after its list (JDV_J20-ChampActivite-ROR.csv). NOT_FOUND when it cannot be
// opened; otherwise as ParseCodeList, with the path as source.
absl::StatusOr<CodeList> LoadCodeListFile(const std::filesystem::path& file);

}  // namespace ror::nomenclature
