#include "services/search/app/csv_writer.h"

#include <utility>

namespace ror::search::app {

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::Row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_ += ';';
    const std::string& cell = cells[i];
    if (cell.find_first_of(";\"\r\n") == std::string::npos) {
      out_ += cell;
      continue;
    }
    out_ += '"';
    for (char c : cell) {
      if (c == '"') out_ += '"';
      out_ += c;
    }
    out_ += '"';
  }
  out_ += "\r\n";
}

std::string CsvWriter::Take() { return std::exchange(out_, std::string()); }

}  // namespace ror::search::app
