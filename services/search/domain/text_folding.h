#pragma once

// Accent and case folding of French text, the same at indexing and at query time, so that
// "hopital", "Hôpital" and "HÔPITAL" are one word: Unicode canonical decomposition (ICU), combining
// marks dropped, case folded, ligatures spelled out (œ → oe, æ → ae),
// apostrophes of elisions made spaces (« l'hôpital » is two words).

#include <string>

#include "absl/strings/string_view.h"

namespace ror::search::domain {

// `text` is UTF-8; invalid sequences become U+FFFD, never an error (indexed text comes from
// national files and people).
std::string Fold(absl::string_view text);

}  // namespace ror::search::domain
