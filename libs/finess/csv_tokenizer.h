#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace ror::finess {

struct CsvRow {
  int line = 0;  // line where the row starts, from 1
  std::vector<std::string> fields;
  std::string error;  // non-empty when the row is malformed; `fields` is then incomplete
};

// Splits RFC 4180 text into rows: fields separated by commas; a field in double quotes may hold
// commas, line breaks and doubled quotes (""); rows end at "\n" or "\r\n". A quote inside an
// unquoted field is kept as a character, as most producers mean it. Only two things are errors:
// a quoted field that never closes, and text after a closing quote; the row is then reported with
// `error` set and reading resumes on the next line.
class CsvTokenizer {
 public:
  explicit CsvTokenizer(absl::string_view text) : text_(text) {}

  // Reads the next row into `*row`; false at the end of the text.
  bool Next(CsvRow* row);

 private:
  // Reads a quoted field whose opening quote is at pos_; false when it is malformed.
  bool ReadQuoted(std::string* field, std::string* error);
  void ReadUnquoted(std::string* field);
  void SkipRestOfLine();

  absl::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace ror::finess
