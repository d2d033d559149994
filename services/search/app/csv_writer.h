#pragma once

// CSV as French spreadsheets open it: UTF-8 with a byte-order mark, « ; » between cells, CRLF
// between rows, a cell quoted when it holds a separator, a quote or a line break (RFC 4180).

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace ror::search::app {

inline constexpr size_t kCsvChunkBytes = 64 * 1024;

class CsvWriter {
 public:
  CsvWriter();
  void Row(const std::vector<std::string>& cells);
  size_t size() const { return out_.size(); }
  // What was written since the last Take.
  std::string Take();

 private:
  std::string out_;
};

}  // namespace ror::search::app
