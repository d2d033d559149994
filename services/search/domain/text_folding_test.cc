#include "services/search/domain/text_folding.h"

#include "gtest/gtest.h"

namespace ror::search::domain {
namespace {

TEST(TextFoldingTest, AccentsAndCaseFoldToOneSpelling) {
  EXPECT_EQ(Fold("Hôpital"), "hopital");
  EXPECT_EQ(Fold("HÔPITAUX"), "hopitaux");
  EXPECT_EQ(Fold("hopital"), "hopital");
  EXPECT_EQ(Fold("Établissement de santé à Besançon"), "etablissement de sante a besancon");
}

TEST(TextFoldingTest, LigaturesAreSpelledOut) {
  EXPECT_EQ(Fold("Œdème cœur Cæcum"), "oedeme coeur caecum");
}

TEST(TextFoldingTest, AnElisionIsTwoWords) {
  EXPECT_EQ(Fold("l’hôpital"), "l hopital");
  EXPECT_EQ(Fold("L'HOPITAL"), "l hopital");
}

TEST(TextFoldingTest, InvalidUtf8IsReplacedNotAnError) {
  const std::string folded = Fold("caf\xC3");
  EXPECT_EQ(folded.rfind("caf", 0), 0u);
  EXPECT_NE(folded, "caf\xC3");
}

}  // namespace
}  // namespace ror::search::domain
