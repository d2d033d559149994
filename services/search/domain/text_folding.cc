#include "services/search/domain/text_folding.h"

#include <cstdint>

#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace ror::search::domain {
namespace {

bool IsAscii(absl::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void AppendFolded(UChar32 c, icu::UnicodeString& out) {
  switch (c) {
    case 0x0152:  // Œ
    case 0x0153:  // œ
      out.append(u"oe");
      return;
    case 0x00C6:  // Æ
    case 0x00E6:  // æ
      out.append(u"ae");
      return;
    case 0x00DF:  // ß
      out.append(u"ss");
      return;
    case 0x2019:  // ’ — the typographic apostrophe of « l’hôpital »
    case '\'':
      // An elision is two words: « l'hôpital » is found by « hôpital ».
      out.append(static_cast<UChar32>(' '));
      return;
    default:
      out.append(u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
}

}  // namespace

std::string Fold(absl::string_view text) {
  // Most of FINESS is upper-case ASCII: no decomposition needed.
  if (IsAscii(text)) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c == '\'') c = ' ';
    }
    return out;
  }
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  icu::UnicodeString decomposed;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_SUCCESS(error)) decomposed = nfd->normalize(source, error);
  if (U_FAILURE(error)) decomposed = source;
  icu::UnicodeString folded;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    AppendFolded(c, folded);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

}  // namespace ror::search::domain
