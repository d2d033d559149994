#include "services/search/app/extrait.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/search/domain/text_folding.h"

namespace ror::search::app {
namespace {

struct Word {
  size_t begin;
  size_t end;
};

// Length of the separator starting at text[i], 0 when text[i] begins a word character. ASCII
// punctuation and blanks, and the typographic « », ’ and no-break spaces, separate words.
size_t SeparatorAt(absl::string_view text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) {
    const bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return word ? 0 : 1;
  }
  for (absl::string_view mark :
       {"\xC2\xAB", "\xC2\xBB", "\xC2\xA0", "\xE2\x80\x99", "\xE2\x80\xAF", "\xE2\x80\xA6"}) {
    if (text.substr(i, mark.size()) == mark) return mark.size();
  }
  return 0;
}

std::vector<Word> WordsIn(absl::string_view text) {
  std::vector<Word> words;
  size_t i = 0;
  while (i < text.size()) {
    if (const size_t separator = SeparatorAt(text, i); separator > 0) {
      i += separator;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && SeparatorAt(text, i) == 0) ++i;
    words.push_back({begin, i});
  }
  return words;
}

}  // namespace

Highlighter::Highlighter(absl::string_view query) : stemmer_("french") {
  const std::string folded = domain::Fold(query);
  for (const Word& word : WordsIn(folded)) {
    const std::string w(folded.substr(word.begin, word.end - word.begin));
    stems_.insert(w);
    stems_.insert(stemmer_(w));
  }
}

bool Highlighter::Matches(absl::string_view word) {
  const auto [it, inserted] = judged_.try_emplace(word, false);
  if (inserted) {
    const std::string folded = domain::Fold(word);
    it->second = stems_.contains(folded) || stems_.contains(stemmer_(folded));
  }
  return it->second;
}

std::string Highlighter::Extrait(absl::string_view text) {
  if (stems_.empty()) return "";
  const std::vector<Word> words = WordsIn(text);
  std::vector<bool> hit(words.size());
  size_t first = words.size();
  for (size_t i = 0; i < words.size(); ++i) {
    hit[i] = Matches(text.substr(words[i].begin, words[i].end - words[i].begin));
    if (hit[i] && first == words.size()) first = i;
  }
  if (first == words.size()) return "";
  // A little context before the first match, then as much as fits, cut between words.
  size_t from = first;
  while (from > 0 && words[first].begin - words[from - 1].begin < kExtraitBytes / 4) --from;
  size_t to = first;
  while (to + 1 < words.size() && words[to + 1].end - words[from].begin <= kExtraitBytes) ++to;
  std::string out = from > 0 ? "…" : "";
  size_t at = words[from].begin;
  for (size_t i = from; i <= to; ++i) {
    absl::StrAppend(&out, text.substr(at, words[i].begin - at));
    const absl::string_view word = text.substr(words[i].begin, words[i].end - words[i].begin);
    if (hit[i]) {
      absl::StrAppend(&out, "<b>", word, "</b>");
    } else {
      absl::StrAppend(&out, word);
    }
    at = words[i].end;
  }
  if (to + 1 < words.size()) absl::StrAppend(&out, "…");
  return out;
}

}  // namespace ror::search::app
