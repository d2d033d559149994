#include "libs/finess/csv_tokenizer.h"

#include "absl/strings/str_cat.h"

namespace ror::finess {
namespace {

// The whole UTF-8 character starting at `pos`, so that a message never cuts one in half.
absl::string_view CharacterAt(absl::string_view text, size_t pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return text.substr(pos, length);
}

}  // namespace

bool CsvTokenizer::Next(CsvRow* row) {
  if (pos_ >= text_.size()) return false;
  row->line = line_;
  row->fields.clear();
  row->error.clear();
  while (true) {
    std::string& field = row->fields.emplace_back();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      if (!ReadQuoted(&field, &row->error)) return true;
    } else {
      ReadUnquoted(&field);
    }
    if (pos_ >= text_.size()) return true;
    char c = text_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;  // c was the row's end of line
    return true;
  }
}

bool CsvTokenizer::ReadQuoted(std::string* field, std::string* error) {
  int start_line = line_;
  ++pos_;  // opening quote
  while (true) {
    size_t quote = text_.find('"', pos_);
    if (quote == absl::string_view::npos) {
      *error = absl::StrCat("guillemet ouvert ligne ", start_line, " jamais refermé");
      for (; pos_ < text_.size(); ++pos_) line_ += text_[pos_] == '\n';
      return false;
    }
    for (size_t i = pos_; i < quote; ++i) line_ += text_[i] == '\n';
    field->append(text_.data() + pos_, quote - pos_);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {  // "" stands for one quote
      field->push_back('"');
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ >= text_.size()) return true;
  char next = text_[pos_];
  if (next == ',' || next == '\n' ||
      (next == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ||
      (next == '\r' && pos_ + 1 == text_.size())) {
    if (next == '\r' && pos_ + 1 == text_.size()) ++pos_;
    return true;
  }
  *error = absl::StrCat("caractère « ", CharacterAt(text_, pos_),
                        " » après un guillemet fermant (le champ doit finir au guillemet)");
  SkipRestOfLine();
  return false;
}

void CsvTokenizer::ReadUnquoted(std::string* field) {
  size_t stop = text_.find_first_of(",\n", pos_);
  if (stop == absl::string_view::npos) stop = text_.size();
  size_t end = stop;
  // The \r of a \r\n ending belongs to the line break, not to the field.
  if (end > pos_ && text_[end - 1] == '\r' && (stop == text_.size() || text_[stop] == '\n')) --end;
  field->assign(text_.data() + pos_, end - pos_);
  pos_ = stop;
}

void CsvTokenizer::SkipRestOfLine() {
  size_t newline = text_.find('\n', pos_);
  if (newline == absl::string_view::npos) {
    pos_ = text_.size();
    return;
  }
  pos_ = newline + 1;
  ++line_;
}

}  // namespace ror::finess
