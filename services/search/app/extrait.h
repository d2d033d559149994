#pragma once

// « L'extrait » of a hit: a window of its descriptive text, as written (accents and case kept),
// around the first word the query matched, each matching word in <b>…</b>. Words match as the
// index matches them: folded (text_folding.h) and stemmed in French.

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace ror::search::app {

inline constexpr size_t kExtraitBytes = 200;

// The folded words of `query` and their French stems: what Extrait highlights.
absl::flat_hash_set<std::string> QueryStems(absl::string_view query);

// Empty when no word of `text` matches.
std::string Extrait(absl::string_view text, const absl::flat_hash_set<std::string>& stems);

}  // namespace ror::search::app
