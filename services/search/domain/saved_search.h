#pragma once

// « Mes recherches sauvegardées »: each user's saved searches, one stream per user
// ("recherches-<owner>", owner = the token's subject). A pure decider (DESIGN §2).
//
// Rules: a nom of 1–100 characters, unique per user (compared without case, accents nor extra
// blanks); at most kMaxSavedSearches per user; at most one « Recherche par défaut » — saving one
// with par_defaut clears the flag of the other through a SearchSaved of its own.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "ror/v1/events/search_events.pb.h"
#include "ror/v1/search.pb.h"

namespace ror::search::domain {

using v1::events::SavedSearchDeleted;
using v1::events::SearchSaved;

using SavedSearchEvent = std::variant<SearchSaved, SavedSearchDeleted>;

inline constexpr size_t kMaxNomLength = 100;           // characters (UTF-8 code points)
inline constexpr size_t kMaxSavedSearches = 50;        // per user
inline constexpr size_t kMaxGuideArticleLength = 200;  // bytes
inline constexpr size_t kMaxSearchBytes = 64 * 1024;   // a saved search, serialized

// One user's saved searches.
struct SavedSearchesState {
  std::string owner;                      // empty before the first event
  std::vector<v1::SavedSearch> searches;  // in the order first saved
  absl::flat_hash_set<std::string> deleted_ids;
  int64_t version = 0;

  // The search of that id; nullptr when the user has none.
  const v1::SavedSearch* Find(absl::string_view id) const;
  // The « Recherche par défaut »; nullptr when none is.
  const v1::SavedSearch* Default() const;
};

// Saves `search` under `search.id()`, which is never empty: the id the caller gave
// (`replace`: the search must be one of his) or one drawn for a new search (`replace` false: it
// is created, or — the same command decided again — replaced).
struct SaveSearch {
  std::string owner;
  v1::SavedSearch search;
  bool replace = false;
  absl::Time now = absl::InfinitePast();
};

struct DeleteSavedSearch {
  std::string owner;
  std::string id;
  absl::Time now = absl::InfinitePast();
};

using SavedSearchCommand = std::variant<SaveSearch, DeleteSavedSearch>;

// The key noms are unique by: folded as the index folds text (text_folding.h: case, accents,
// ligatures, elisions), blanks trimmed and collapsed. "  Lits   CHAUDS " and "lits chauds" share
// one; so do "Pédiatrie" and "pediatrie".
std::string NomKey(absl::string_view nom);

// Number of UTF-8 code points (what a person counts as characters).
size_t CharacterCount(absl::string_view text);

// The search as it would be stored: nom trimmed, saved_at left as given.
v1::SavedSearch Normalized(const v1::SavedSearch& search);

// The checks that need no state: INVALID_ARGUMENT naming search.nom (required, max_length,
// format), search.guide_article (max_length), search.type / search.sort (nomenclature), search
// (max_size).
absl::Status ValidateSavedSearch(const v1::SavedSearch& search);

// SaveSearch: INVALID_ARGUMENT as ValidateSavedSearch, plus search.nom:unique (another search of
// the user has that nom) and search:max_count (a new search beyond kMaxSavedSearches); NOT_FOUND
// when `replace` names a search the user does not have. The search saved comes first in the
// events, then one SearchSaved per search whose par_defaut it clears. Saving what is already
// stored (saved_at aside) yields no event.
// DeleteSavedSearch: NOT_FOUND for an id the user never had; no event for one already deleted.
// Both: FAILED_PRECONDITION when the stream belongs to another owner.
absl::StatusOr<std::vector<SavedSearchEvent>> Decide(const SavedSearchesState& state,
                                                     const SavedSearchCommand& command);

SavedSearchesState Evolve(SavedSearchesState state, const SavedSearchEvent& event);

// The user's searches sorted by nom (by NomKey, then as typed, then by id).
std::vector<v1::SavedSearch> SortedByNom(const SavedSearchesState& state);

}  // namespace ror::search::domain
