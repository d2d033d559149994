#pragma once

// A strict reader for the national code-list files: UTF-8 text, RFC 4180 quoting (quoted fields
// may hold commas, doubled quotes and line breaks), CRLF or LF line ends, an optional UTF-8 BOM.
// Strict because a silently mis-split line would put a wrong label on a code for every reader.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::nomenclature {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts (a quoted line break spans lines)
  std::vector<std::string> fields;
};

// Every record of `text`, blank lines skipped. INVALID_ARGUMENT names the line (« ligne 12 : … »)
// for: bytes that are not UTF-8, an unterminated quoted field, a quote inside an unquoted field,
// text after a closing quote.
absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text);

}  // namespace ror::nomenclature
