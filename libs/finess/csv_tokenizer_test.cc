#include "libs/finess/csv_tokenizer.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::finess {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<CsvRow> Rows(absl::string_view text) {
  CsvTokenizer tokenizer(text);
  std::vector<CsvRow> rows;
  CsvRow row;
  while (tokenizer.Next(&row)) rows.push_back(row);
  return rows;
}

TEST(CsvTokenizerTest, PlainRowsWithCrlfAndWithoutFinalNewline) {
  auto rows = Rows("a,b,c\r\n1,,3\r\nx,y,z");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "", "3"));
  EXPECT_THAT(rows[2].fields, ElementsAre("x", "y", "z"));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(CsvTokenizerTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  auto rows = Rows(
      "010000081,\"Centre hospitalier, ex Hôpital local\",1106\n"
      "1,\"\"\"LIEU DE VIE \"\"GRANGE AUX LOUPS\"\"\"\"\",2\r\n"
      "2,\"sur\r\ndeux lignes\",3\n"
      "4,\"\",5\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[0].fields,
              ElementsAre("010000081", "Centre hospitalier, ex Hôpital local", "1106"));
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "\"LIEU DE VIE \"GRANGE AUX LOUPS\"\"", "2"));
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "sur\r\ndeux lignes", "3"));
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[3].line, 5);  // the quoted line break counted
  EXPECT_THAT(rows[3].fields, ElementsAre("4", "", "5"));
  for (const CsvRow& row : rows) EXPECT_THAT(row.error, IsEmpty());
}

TEST(CsvTokenizerTest, BareQuoteInsideUnquotedFieldIsKept) {
  auto rows = Rows("EHPAD \"LE CORNILLON\",x\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("EHPAD \"LE CORNILLON\"", "x"));
}

TEST(CsvTokenizerTest, TextAfterClosingQuoteIsAnErrorAndReadingGoesOn) {
  auto rows = Rows("a,\"b\"c,d\ne,f\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].error, HasSubstr("après un guillemet fermant"));
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_THAT(rows[1].fields, ElementsAre("e", "f"));
}

TEST(CsvTokenizerTest, UnclosedQuoteIsAnError) {
  auto rows = Rows("a,b\nc,\"never closed\nd,e\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_THAT(rows[1].error, HasSubstr("ligne 2 jamais refermé"));
}

TEST(CsvTokenizerTest, EmptyLineIsOneEmptyField) {
  auto rows = Rows("a\n\nb\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].fields, ElementsAre(""));
  EXPECT_EQ(rows[2].line, 3);
}

}  // namespace
}  // namespace ror::finess
