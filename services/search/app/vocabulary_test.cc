#include "services/search/app/vocabulary.h"

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::search::app {
namespace {

std::unique_ptr<Vocabulary> Of(const Vocabulary::Counts& counts) {
  auto vocabulary = std::make_unique<Vocabulary>();
  vocabulary->Reset(counts);
  return vocabulary;
}

TEST(VocabularyTest, TheClosestWordWithinTwoEditsTheMostFrequentFirst) {
  const auto v = Of({{"cardiologie", 40}, {"cardiologue", 3}, {"pneumologie", 12}});
  EXPECT_EQ(v->Closest("cardiolgie"), "cardiologie");   // one letter left out
  EXPECT_EQ(v->Closest("cardiolgoie"), "cardiologie");  // two letters swapped
  EXPECT_EQ(v->Closest("cardiologi"), "cardiologie");
  EXPECT_EQ(v->Closest("cardiolojue"), "cardiologue");  // one edit, against two for the other
  EXPECT_EQ(v->Closest("cardiologie"), "");             // known: nothing to propose
  EXPECT_EQ(v->Closest("gastrologie"), "");             // three edits from every word
}

TEST(VocabularyTest, ShortWordsAreOneEditAwayAtMost) {
  const auto v = Of({{"ehpad", 5}, {"smur", 2}});
  EXPECT_EQ(v->Closest("smr"), "smur");
  EXPECT_EQ(v->Closest("sm"), "");                           // too short to guess from
  EXPECT_EQ(Of({{"a", 9}, {"de", 9}})->Closest("dez"), "");  // nor proposed
  EXPECT_EQ(v->Closest("ehapd"), "ehpad");
}

TEST(VocabularyTest, EqualCandidatesGoToTheMostFrequentThenTheFirstInOrder) {
  EXPECT_EQ(Of({{"rein", 1}, {"sein", 9}})->Closest("fein"), "sein");
  EXPECT_EQ(Of({{"rein", 4}, {"sein", 4}})->Closest("fein"), "rein");
}

TEST(VocabularyTest, AWordLeavesWithItsLastDocument) {
  const auto v = Of({{"rhumatologie", 1}, {"cardiologie", 2}});
  v->Change({}, {"cardiologie"});
  EXPECT_EQ(v->counts(), (Vocabulary::Counts{{"rhumatologie", 1}, {"cardiologie", 1}}));
  v->Change({"angiologie"}, {"rhumatologie"});
  EXPECT_EQ(v->counts(), (Vocabulary::Counts{{"cardiologie", 1}, {"angiologie", 1}}));
  EXPECT_EQ(v->Closest("rhumatolgie"), "");
  EXPECT_EQ(v->Closest("angiolgie"), "angiologie");
}

}  // namespace
}  // namespace ror::search::app
