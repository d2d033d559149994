#include "libs/nomenclature/csv_reader.h"

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Fields = std::vector<std::string>;

// Fields of each record, for terse expectations.
std::vector<Fields> Parse(absl::string_view text) {
  absl::StatusOr<std::vector<CsvRecord>> records = ParseCsv(text);
  EXPECT_TRUE(records.ok()) << records.status();
  std::vector<Fields> out;
  if (records.ok()) {
    for (const CsvRecord& r : *records) out.push_back(r.fields);
  }
  return out;
}

TEST(CsvReaderTest, PlainRecordsKeepLeadingZeros) {
  EXPECT_THAT(Parse("code,label\n01,Médecine\n0011,Acte\n"),
              ElementsAre(Fields{"code", "label"}, Fields{"01", "Médecine"},
                          Fields{"0011", "Acte"}));
}

TEST(CsvReaderTest, QuotedFieldHoldsCommas) {
  EXPECT_THAT(Parse("01,\"Médecine, Chirurgie, Obstétrique (MCO)\",sys\n"),
              ElementsAre(Fields{"01", "Médecine, Chirurgie, Obstétrique (MCO)", "sys"}));
}

TEST(CsvReaderTest, DoubledQuotesAreOneQuote) {
  EXPECT_THAT(Parse("1437,\"Réalisation de \"\"Mon bilan prévention\"\"\",sys\n"),
              ElementsAre(Fields{"1437", "Réalisation de \"Mon bilan prévention\"", "sys"}));
  EXPECT_THAT(Parse("a,\"\"\"\"\n"), ElementsAre(Fields{"a", "\""}));
}

TEST(CsvReaderTest, QuotedLineBreakStaysInTheFieldAndLinesAreCounted) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> records,
                       ParseCsv("h\n\"two\nlines\",x\nnext,y\n"));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[1].fields, ElementsAre("two\nlines", "x"));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);
}

TEST(CsvReaderTest, CrlfAndLoneCrEndLines) {
  EXPECT_THAT(Parse("code,label\r\n01,\"a, b\"\r\n02,c\r\n"),
              ElementsAre(Fields{"code", "label"}, Fields{"01", "a, b"}, Fields{"02", "c"}));
  EXPECT_THAT(Parse("a\rb\r"), ElementsAre(Fields{"a"}, Fields{"b"}));
}

TEST(CsvReaderTest, ByteOrderMarkIsDropped) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> records, ParseCsv("\xEF\xBB\xBF" "code,label\n"));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields[0], "code");  // not "\xEF\xBB\xBFcode"
}

TEST(CsvReaderTest, LastLineWithoutLineBreak) {
  EXPECT_THAT(Parse("a,b\nc,d"), ElementsAre(Fields{"a", "b"}, Fields{"c", "d"}));
  EXPECT_THAT(Parse("a,\"b\""), ElementsAre(Fields{"a", "b"}));
}

TEST(CsvReaderTest, EmptyFields) {
  EXPECT_THAT(Parse("a,,c\n,\n"), ElementsAre(Fields{"a", "", "c"}, Fields{"", ""}));
  EXPECT_THAT(Parse("a,b,"), ElementsAre(Fields{"a", "b", ""}));
  // A quoted empty field is a record of one empty field, not a blank line.
  EXPECT_THAT(Parse("\"\"\n"), ElementsAre(Fields{""}));
}

TEST(CsvReaderTest, BlankLinesAreSkippedButCounted) {
  ASSERT_OK_AND_ASSIGN(std::vector<CsvRecord> records, ParseCsv("a\n\n\r\nb\n\n"));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].fields[0], "b");
  EXPECT_EQ(records[1].line, 4);
  EXPECT_THAT(Parse(""), ElementsAre());
}

TEST(CsvReaderTest, UnterminatedQuoteNamesTheLineItOpened) {
  EXPECT_THAT(ParseCsv("h\n01,\"Médecine, Chirurgie\nx,y\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("ligne 2 : champ entre guillemets jamais refermé")));
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  EXPECT_THAT(ParseCsv("h\nh\n01,Mon \"bilan\",s\n"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ligne 3 : guillemet")));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  EXPECT_THAT(ParseCsv("01,\"a\"b,s\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("ligne 1 : caractère inattendu après le guillemet fermant")));
}

TEST(CsvReaderTest, Latin1IsRefusedWithItsLine) {
  // "Médecine" in ISO-8859-1: a lone 0xE9.
  EXPECT_THAT(ParseCsv("code,label\r\n01,M\xE9" "decine\r\n"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("ligne 2 : octets non UTF-8")));
}

TEST(CsvReaderTest, MalformedUtf8SequencesAreRefused) {
  EXPECT_FALSE(ParseCsv("\xC0\xAF").ok());          // overlong "/"
  EXPECT_FALSE(ParseCsv("\xED\xA0\x80").ok());      // surrogate
  EXPECT_FALSE(ParseCsv("\xF4\x90\x80\x80").ok());  // above U+10FFFF
  EXPECT_FALSE(ParseCsv("ab\xE2\x82").ok());        // truncated at the end
  EXPECT_TRUE(ParseCsv("\xE2\x82\xAC \xF0\x9F\x8F\xA5").ok());  // "€ 🏥"
}

// RFC 4180 encoding of one field: quoted when it holds a comma, quote or line break.
std::string Encode(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

TEST(CsvReaderTest, RandomRecordsRoundTrip) {
  std::mt19937 random(20240611);
  const std::vector<std::string> tokens = {"a", "0", " ", ",", "\"", "\r", "\n", "é"};
  for (int round = 0; round < 2000; ++round) {
    std::vector<Fields> records(1 + random() % 4);
    std::string text;
    for (Fields& record : records) {
      record.resize(2 + random() % 3);  // two fields at least: never a blank line
      for (std::string& field : record) {
        for (size_t n = random() % 6; n > 0; --n) field += tokens[random() % tokens.size()];
      }
      std::vector<std::string> encoded;
      for (const std::string& field : record) encoded.push_back(Encode(field));
      text += absl::StrJoin(encoded, ",") + (random() % 2 ? "\r\n" : "\n");
    }
    absl::StatusOr<std::vector<CsvRecord>> parsed = ParseCsv(text);
    ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
    std::vector<Fields> got;
    for (const CsvRecord& r : *parsed) got.push_back(r.fields);
    ASSERT_EQ(got, records) << text;
  }
}

TEST(CsvReaderTest, ArbitraryBytesNeverCrash) {
  std::mt19937 random(7);
  const std::string alphabet = std::string("a,\"\r\n\xEF\xBB\xBF\xC3\xA9\x80", 11);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t n = random() % 16; n > 0; --n) text += alphabet[random() % alphabet.size()];
    absl::StatusOr<std::vector<CsvRecord>> parsed = ParseCsv(text);
    if (!parsed.ok()) {
      EXPECT_THAT(std::string(parsed.status().message()), ::testing::StartsWith("ligne "));
    }
  }
}

}  // namespace
}  // namespace ror::nomenclature
