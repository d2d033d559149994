#include "services/search/app/extrait.h"

#include <string>

#include "gtest/gtest.h"

namespace ror::search::app {
namespace {

TEST(ExtraitTest, MatchingWordsAreHighlightedAsWritten) {
  EXPECT_EQ(Highlighter("hopital pediatrique").Extrait("Hôpitaux de jour pédiatriques"),
            "<b>Hôpitaux</b> de jour <b>pédiatriques</b>");
}

TEST(ExtraitTest, NoMatchNoExtrait) {
  EXPECT_EQ(Highlighter("urgences").Extrait("Cardiologie générale"), "");
}

TEST(ExtraitTest, AHighlighterJudgesTheSameWordAlikeInEveryText) {
  Highlighter highlighter("pédiatrie");
  EXPECT_EQ(highlighter.Extrait("Urgences pédiatriques"), "Urgences <b>pédiatriques</b>");
  EXPECT_EQ(highlighter.Extrait("Pédiatrie et urgences pédiatriques"),
            "<b>Pédiatrie</b> et urgences <b>pédiatriques</b>");
  EXPECT_EQ(highlighter.Extrait("Cardiologie"), "");
}

TEST(ExtraitTest, AQueryWithoutWordsMarksNothing) {
  Highlighter highlighter(" -- ");
  EXPECT_EQ(highlighter.Extrait("Cardiologie"), "");
  EXPECT_EQ(highlighter.Extrait("- -"), "");
}

TEST(ExtraitTest, ALongTextIsCutBetweenWordsAroundTheFirstMatch) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "mot ";
  text += "l’hôpital « Pasteur » ";
  for (int i = 0; i < 60; ++i) text += "suite ";
  const std::string extrait = Highlighter("hopital").Extrait(text);
  EXPECT_EQ(extrait.rfind("…", 0), 0u) << extrait;
  EXPECT_NE(extrait.find("l’<b>hôpital</b> « Pasteur »"), std::string::npos) << extrait;
  EXPECT_EQ(extrait.substr(extrait.size() - 3), "…");
  EXPECT_LE(extrait.size(), kExtraitBytes + 40);
}

}  // namespace
}  // namespace ror::search::app
