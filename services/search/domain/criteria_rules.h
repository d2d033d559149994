#pragma once

// What makes a search request well formed: codes known in their national lists, identifiers in
// their formats, a sensible age and radius. Every broken rule is named with its field path.

#include <optional>

#include "absl/status/status.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/search.pb.h"

namespace ror::search::domain {

inline constexpr int kMaxPageSize = 200;
inline constexpr int kDefaultPageSize = 20;
inline constexpr double kMaxRadiusKm = 1000;
inline constexpr int kMaxTextLength = 500;
inline constexpr int kMaxValuesPerCriterion = 200;

// INVALID_ARGUMENT with one violation per broken rule, fields prefixed by `prefix`
// ("criteria."); FAILED_PRECONDITION when a list the criteria need is not loaded.
absl::Status CheckCriteria(const v1::SearchCriteria& criteria,
                           const nomenclature::Nomenclatures& codes, absl::string_view prefix);

// The page size and number of a request, checked.
absl::Status CheckPaging(int32_t page_size, int32_t page);

// An age in days, the unit the index keeps; nullopt for an unknown unit.
std::optional<int64_t> AgeInDays(int64_t value, absl::string_view unit);

}  // namespace ror::search::domain
