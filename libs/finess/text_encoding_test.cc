#include "libs/finess/text_encoding.h"

#include <string>

#include "gtest/gtest.h"

namespace ror::finess {
namespace {

TEST(TextEncodingTest, ValidUtf8) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("CH DE FLEYRIAT"));
  EXPECT_TRUE(IsValidUtf8("Hôpital Économie € 𝄞"));
}

TEST(TextEncodingTest, InvalidUtf8) {
  EXPECT_FALSE(IsValidUtf8("H\xF4pital"));        // Latin-1 ô
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated sequence
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
}

TEST(TextEncodingTest, Latin1AndWindows1252ToUtf8) {
  std::string out;
  AppendLatin1AsUtf8(
      "H\xF4pital d'\xC9vreux \x80 l\x92\x9C"
      "uvre",
      &out);
  EXPECT_EQ(out, "Hôpital d'Évreux € l’œuvre");
}

TEST(TextEncodingTest, Utf8InputIsNotCopied) {
  std::string output = "untouched";
  DecodeResult r = DecodeToUtf8("a;é\nb;è\n", &output);
  EXPECT_FALSE(r.converted);
  EXPECT_EQ(r.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(output, "untouched");
}

TEST(TextEncodingTest, Latin1FileIsConverted) {
  std::string output;
  DecodeResult r = DecodeToUtf8("ascii\nCR\xC9TEIL\r\nlast", &output);
  EXPECT_TRUE(r.converted);
  EXPECT_EQ(r.encoding, TextEncoding::kLatin1);
  EXPECT_EQ(r.latin1_lines, 1);
  EXPECT_EQ(output, "ascii\nCRÉTEIL\r\nlast");
}

TEST(TextEncodingTest, MixedLinesAreEachReadInTheirOwnEncoding) {
  std::string output;
  DecodeResult r = DecodeToUtf8("CRÉTEIL\nCR\xC9TEIL\n", &output);
  EXPECT_EQ(r.encoding, TextEncoding::kMixed);
  EXPECT_EQ(r.latin1_lines, 1);
  EXPECT_EQ(output, "CRÉTEIL\nCRÉTEIL\n");
}

}  // namespace
}  // namespace ror::finess
