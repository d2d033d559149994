#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace ror::finess {

// How the lines of a file were encoded.
enum class TextEncoding {
  kUtf8,    // every line is valid UTF-8 (plain ASCII included)
  kLatin1,  // some lines were not UTF-8 and were read as Latin-1; none had UTF-8 accents
  kMixed,   // both kinds of lines: an extract concatenated from differently encoded parts
};

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// Appends `text`, read as Latin-1, to `out` as UTF-8. Bytes 0x80–0x9F are read as Windows-1252
// (’, œ, €, …), which is what Latin-1 files produced on Windows actually contain; the five bytes
// Windows-1252 leaves undefined stay the C1 controls Latin-1 gives them.
void AppendLatin1AsUtf8(absl::string_view text, std::string* out);

struct DecodeResult {
  TextEncoding encoding = TextEncoding::kUtf8;
  int latin1_lines = 0;    // lines converted from Latin-1
  bool converted = false;  // false: the input is already UTF-8 and `output` was left alone
};

// Brings `input` to UTF-8 line by line: a line that is valid UTF-8 is kept, any other line is read
// as Latin-1. Deciding per line rather than per file keeps both halves of a mixed file readable.
// When a conversion is needed the whole converted text is written to `*output`.
DecodeResult DecodeToUtf8(absl::string_view input, std::string* output);

}  // namespace ror::finess
