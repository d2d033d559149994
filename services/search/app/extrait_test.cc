#include "services/search/app/extrait.h"

#include <string>

#include "gtest/gtest.h"

namespace ror::search::app {
namespace {

TEST(ExtraitTest, MatchingWordsAreHighlightedAsWritten) {
  EXPECT_EQ(Extrait("Hôpitaux de jour pédiatriques", QueryStems("hopital pediatrique")),
            "<b>Hôpitaux</b> de jour <b>pédiatriques</b>");
}

TEST(ExtraitTest, NoMatchNoExtrait) {
  EXPECT_EQ(Extrait("Cardiologie générale", QueryStems("urgences")), "");
}

TEST(ExtraitTest, ALongTextIsCutBetweenWordsAroundTheFirstMatch) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "mot ";
  text += "l’hôpital « Pasteur » ";
  for (int i = 0; i < 60; ++i) text += "suite ";
  const std::string extrait = Extrait(text, QueryStems("hopital"));
  EXPECT_EQ(extrait.rfind("…", 0), 0u) << extrait;
  EXPECT_NE(extrait.find("l’<b>hôpital</b> « Pasteur »"), std::string::npos) << extrait;
  EXPECT_EQ(extrait.substr(extrait.size() - 3), "…");
  EXPECT_LE(extrait.size(), kExtraitBytes + 40);
}

}  // namespace
}  // namespace ror::search::app
