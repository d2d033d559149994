#include "libs/finess/text_encoding.h"

#include <cstdint>

namespace ror::finess {
namespace {

// Windows-1252 code points for bytes 0x80–0x9F; 0 where the code page defines nothing.
constexpr uint16_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 88–8F
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 98–9F
};

void AppendCodePoint(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool HasNonAscii(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* end = p + text.size();
  while (p < end) {
    unsigned char b = *p;
    if (b < 0x80) {
      ++p;
      continue;
    }
    int length;
    uint32_t cp;
    uint32_t min;
    if ((b & 0xE0) == 0xC0) {
      length = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, cp = b & 0x07, min = 0x10000;
    } else {
      return false;  // a continuation byte where a sequence should start, or 0xF8..0xFF
    }
    if (end - p < length) return false;
    for (int i = 1; i < length; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += length;
  }
  return true;
}

void AppendLatin1AsUtf8(absl::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() + text.size() / 8);
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    uint32_t cp = b;
    if (b >= 0x80 && b <= 0x9F && kWindows1252High[b - 0x80] != 0) cp = kWindows1252High[b - 0x80];
    AppendCodePoint(cp, out);
  }
}

DecodeResult DecodeToUtf8(absl::string_view input, std::string* output) {
  DecodeResult result;
  if (IsValidUtf8(input)) return result;  // the common case: no copy

  result.converted = true;
  output->clear();
  output->reserve(input.size() + input.size() / 16);
  bool utf8_accents = false;
  size_t start = 0;
  while (start < input.size()) {
    size_t newline = input.find('\n', start);
    size_t stop = newline == absl::string_view::npos ? input.size() : newline + 1;
    absl::string_view line = input.substr(start, stop - start);
    if (IsValidUtf8(line)) {
      utf8_accents = utf8_accents || HasNonAscii(line);
      output->append(line.data(), line.size());
    } else {
      ++result.latin1_lines;
      AppendLatin1AsUtf8(line, output);
    }
    start = stop;
  }
  result.encoding = utf8_accents ? TextEncoding::kMixed : TextEncoding::kLatin1;
  return result;
}

}  // namespace ror::finess
