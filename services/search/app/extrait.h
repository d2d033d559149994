#pragma once

// « L'extrait » of a hit: a window of its descriptive text, as written (accents and case kept),
// around the first word the query matched, each matching word in <b>…</b>. Words match as the
// index matches them: folded (text_folding.h) and stemmed in French.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "xapian.h"

namespace ror::search::app {

inline constexpr size_t kExtraitBytes = 200;

// The words of one query, to mark in the extraits of its hits. One per query, on one thread: it
// remembers each word it has judged, as the texts of a page repeat the same labels, and judging
// one costs a folding and a stemming.
class Highlighter {
 public:
  explicit Highlighter(absl::string_view query);

  // The extrait of `text`: empty when no word of it matches.
  std::string Extrait(absl::string_view text);

 private:
  bool Matches(absl::string_view word);

  Xapian::Stem stemmer_;
  absl::flat_hash_set<std::string> stems_;  // the query's folded words and their stems
  absl::flat_hash_map<std::string, bool> judged_;
};

}  // namespace ror::search::app
