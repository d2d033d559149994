#include "services/search/app/vocabulary.h"

#include <algorithm>
#include <mutex>
#include <numeric>

#include "libs/common/status_macros.h"
#include "services/search/app/document_builder.h"

namespace ror::search::app {
namespace {

constexpr size_t kShortest = 3;  // letters of the shortest word proposed or corrected

// Edits (insertion, deletion, substitution, transposition of two neighbours) from `a` to `b`,
// or `limit` + 1 as soon as more are needed. The three rows of the table are the caller's, reused
// from one candidate to the next.
struct EditRows {
  std::vector<size_t> before, previous, current;
};

size_t EditsWithin(absl::string_view a, absl::string_view b, size_t limit, EditRows& rows) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  auto& [before, previous, current] = rows;
  before.assign(m + 1, 0);
  previous.resize(m + 1);
  current.assign(m + 1, 0);
  std::iota(previous.begin(), previous.end(), size_t{0});
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    size_t best = current[0];
    for (size_t j = 1; j <= m; ++j) {
      const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      best = std::min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

}  // namespace

absl::Status Vocabulary::Load(const DocumentStore& store) {
  Counts counts;
  RETURN_IF_ERROR(store.ForEachLatest([&](const v1::search::StoredDocument& stored) {
    for (std::string& word : WordsOf(stored)) ++counts[std::move(word)];
  }));
  Reset(counts);
  return absl::OkStatus();
}

void Vocabulary::Reset(const Counts& counts) {
  std::unique_lock lock(mu_);
  by_length_.clear();
  for (const auto& [word, count] : counts) AddLocked(word, count);
}

void Vocabulary::Add(const Counts& counts) {
  std::unique_lock lock(mu_);
  for (const auto& [word, count] : counts) AddLocked(word, count);
}

void Vocabulary::AddLocked(const std::string& word, uint32_t count) {
  by_length_[word.size()][word] += count;
}

void Vocabulary::Change(const std::vector<std::string>& gained,
                        const std::vector<std::string>& lost) {
  if (gained.empty() && lost.empty()) return;
  std::unique_lock lock(mu_);
  for (const std::string& word : gained) AddLocked(word, 1);
  for (const std::string& word : lost) {
    auto bucket = by_length_.find(word.size());
    if (bucket == by_length_.end()) continue;
    auto held = bucket->second.find(word);
    if (held == bucket->second.end()) continue;
    if (--held->second == 0) bucket->second.erase(held);
  }
}

std::string Vocabulary::Closest(absl::string_view word) const {
  // One or two letters are too few to guess from.
  if (word.size() < kShortest) return "";
  const size_t limit = word.size() <= 4 ? 1 : 2;
  std::shared_lock lock(mu_);
  EditRows rows;
  std::string best;
  size_t best_edits = limit + 1;
  uint32_t best_count = 0;
  for (size_t length = std::max(kShortest, word.size() - limit); length <= word.size() + limit;
       ++length) {
    auto bucket = by_length_.find(length);
    if (bucket == by_length_.end()) continue;
    if (length == word.size() && bucket->second.contains(word)) return "";
    for (const auto& [known, count] : bucket->second) {
      const size_t edits = EditsWithin(word, known, std::min(limit, best_edits), rows);
      const bool better_tie = edits == best_edits && edits <= limit &&
                              (count > best_count || (count == best_count && known < best));
      if (edits < best_edits || better_tie) {
        best = known;
        best_edits = edits;
        best_count = count;
      }
    }
  }
  return best_edits <= limit ? best : "";
}

Vocabulary::Counts Vocabulary::counts() const {
  std::shared_lock lock(mu_);
  Counts all;
  for (const auto& [length, bucket] : by_length_) all.insert(bucket.begin(), bucket.end());
  return all;
}

}  // namespace ror::search::app
