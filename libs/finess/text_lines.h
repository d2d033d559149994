#pragma once

#include "absl/strings/string_view.h"

namespace ror::finess {

// Calls `fn(line_number, line)` for each line of `text`, numbered from 1, without its "\n" or
// "\r\n". A last line without a final newline is a line; the empty tail after a final newline
// is not.
template <typename Fn>
void ForEachLine(absl::string_view text, Fn&& fn) {
  int number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t newline = text.find('\n', start);
    size_t stop = newline == absl::string_view::npos ? text.size() : newline;
    absl::string_view line = text.substr(start, stop - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(++number, line);
    start = stop + 1;
  }
}

inline int CountLines(absl::string_view text) {
  int count = 0;
  ForEachLine(text, [&count](int, absl::string_view) { ++count; });
  return count;
}

inline absl::string_view FirstLine(absl::string_view text) {
  absl::string_view first;
  size_t newline = text.find('\n');
  first = text.substr(0, newline);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  return first;
}

}  // namespace ror::finess
