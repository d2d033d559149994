#include "libs/nomenclature/csv_reader.h"

#include <cstdint>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ror::nomenclature {
namespace {

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Length of the well-formed UTF-8 sequence starting at text[i], or 0. Overlong forms, surrogates
// and code points above U+10FFFF are refused: a Latin-1 export of a French list must not pass.
size_t Utf8SequenceLength(absl::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  const uint8_t b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t length;
  uint8_t low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

// A line break is LF, CRLF or a lone CR; true when text[i] ends a line (the CR of a CRLF does not).
bool EndsLine(absl::string_view text, size_t i) {
  if (text[i] == '\n') return true;
  return text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n');
}

absl::Status LineError(int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("ligne ", line, " : ", what));
}

// Checked before parsing, so the error names the line of the first bad byte.
absl::Status CheckUtf8(absl::string_view text) {
  int line = 1;
  for (size_t i = 0; i < text.size();) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      return LineError(line, "octets non UTF-8 (le fichier doit être encodé en UTF-8)");
    }
    if (EndsLine(text, i)) ++line;
    i += length;
  }
  return absl::OkStatus();
}

class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<CsvRecord>> Run() {
    std::vector<CsvRecord> records;
    while (!AtEnd()) {
      CsvRecord record;
      record.line = line_;
      bool quoted = false;
      while (true) {
        std::string field;
        if (!AtEnd() && Peek() == '"') {
          quoted = true;
          if (absl::Status s = QuotedField(field); !s.ok()) return s;
        } else if (absl::Status s = PlainField(field); !s.ok()) {
          return s;
        }
        record.fields.push_back(std::move(field));
        if (AtEnd() || Peek() != ',') break;
        ++pos_;  // "a,b," ends with an empty field: the loop reads it.
      }
      if (!AtEnd()) SkipLineBreak();
      // An empty line is one unquoted empty field: not a record.
      const bool blank = !quoted && record.fields.size() == 1 && record.fields[0].empty();
      if (!blank) records.push_back(std::move(record));
    }
    return records;
  }

 private:
  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return text_[pos_]; }  // only when !AtEnd()
  bool AtLineBreak() const { return Peek() == '\n' || Peek() == '\r'; }

  void SkipLineBreak() {
    if (Peek() == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  absl::Status PlainField(std::string& field) {
    while (!AtEnd() && Peek() != ',' && !AtLineBreak()) {
      if (Peek() == '"') return LineError(line_, "guillemet (\") dans un champ non cité");
      field.push_back(text_[pos_++]);
    }
    return absl::OkStatus();
  }

  // At the opening quote. Quoted line breaks are kept as written.
  absl::Status QuotedField(std::string& field) {
    const int opened_at = line_;
    ++pos_;
    while (true) {
      if (AtEnd()) return LineError(opened_at, "champ entre guillemets jamais refermé");
      if (Peek() == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (EndsLine(text_, pos_)) ++line_;
      field.push_back(text_[pos_++]);
    }
    if (!AtEnd() && Peek() != ',' && !AtLineBreak()) {
      return LineError(line_, "caractère inattendu après le guillemet fermant d'un champ");
    }
    return absl::OkStatus();
  }

  absl::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

absl::StatusOr<std::vector<CsvRecord>> ParseCsv(absl::string_view text) {
  if (absl::StartsWith(text, kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  if (absl::Status utf8 = CheckUtf8(text); !utf8.ok()) return utf8;
  return Parser(text).Run();
}

}  // namespace ror::nomenclature
