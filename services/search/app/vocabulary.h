#pragma once

// The words of the indexed text, each with the number of documents holding it: « vouliez-vous
// dire » proposes the closest known word. Kept in memory, not in Xapian's spelling table:
// libxapian 1.4.22 corrupted its glass tables when a spelling table written in bulk by a rebuild
// was then updated document by document (bench/README.md §10). Loaded from the documents' words
// when the index opens, replaced by a rebuild, followed by the indexer as documents come and go.

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/search/app/document_store.h"

namespace ror::search::app {

class Vocabulary {
 public:
  using Counts = absl::flat_hash_map<std::string, uint32_t>;

  // Every word of every document of `store` (StoredDocument.words).
  absl::Status Load(const DocumentStore& store);
  void Reset(const Counts& counts);
  // Adds `counts` to what it holds (documents added in bulk).
  void Add(const Counts& counts);
  // A document brought the words `gained` and lost `lost` (each sorted, without repeats).
  void Change(const std::vector<std::string>& gained, const std::vector<std::string>& lost);

  // The known word closest to `word`: one edit away at most for words up to four letters, two
  // beyond; the most frequent among the closest. Empty when `word` is known or none is close, and
  // for words, and candidates, of fewer than three letters.
  std::string Closest(absl::string_view word) const;
  Counts counts() const;  // every word with its count

 private:
  void AddLocked(const std::string& word, uint32_t count);

  mutable std::shared_mutex mu_;
  // Words by length, so that a lookup reads only the lengths within reach.
  absl::flat_hash_map<size_t, Counts> by_length_;
};

}  // namespace ror::search::app
