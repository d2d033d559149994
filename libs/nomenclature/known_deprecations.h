#pragma once

// Concepts the NOS marks status=deprecated, for list files that carry no status column (the
// extraction in shared/data/nomenclatures has only code,label,code_system and records the
// deprecations in its README). Deprecation belongs to a concept of a CodeSystem, so it is keyed on
// (code_system, code) and holds in every JDV drawing from that CodeSystem.

#include "absl/strings/string_view.h"

namespace ror::nomenclature {

bool IsKnownDeprecated(absl::string_view code_system, absl::string_view code);

}  // namespace ror::nomenclature
