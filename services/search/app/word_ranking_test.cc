// Which queries RankWords takes, and its pages on a small index written here, against Xapian's
// matcher (search_engine_test compares them on the real FINESS sample).

#include "services/search/app/word_ranking.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "libs/testing/temp_dir.h"
#include "services/search/app/index_schema.h"
#include "xapian.h"

namespace ror::search::app {
namespace {

// Documents 1–12: "Zcommun" in all, "Zpair" and "Zimpair" in every other one (as many each),
// "Zrare" in three, wdf growing with the docid; every third an établissement; 5 and 8 hidden.
class WordRankingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Xapian::WritableDatabase writer(dir_.path().string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (Xapian::termcount i = 1; i <= 12; ++i) {
      Xapian::Document doc;
      doc.add_term("Zcommun", 1 + i % 4);
      doc.add_term(i % 2 == 0 ? "Zpair" : "Zimpair", 1 + i % 3);
      if (i % 4 == 1) doc.add_term("Zrare", i);
      if (i % 3 == 0) doc.add_boolean_term(schema::kTypeEtablissement);
      if (i == 5 || i == 8) doc.add_boolean_term("XHtest");
      writer.add_document(doc);
    }
    writer.commit();
    db_ = Xapian::Database(dir_.path().string());
  }

  Xapian::Query Words(const std::vector<std::string>& terms) const {
    std::vector<Xapian::Query> leaves(terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_AND, leaves.begin(), leaves.end());
  }

  ror::testing::TempDir dir_;
  Xapian::Database db_;
};

TEST_F(WordRankingTest, OnlyConjunctionsOfDistinctWordsXapianAddsInOneOrder) {
  const Xapian::Query hidden("XHtest");
  EXPECT_TRUE(WordQueryOf(db_, Words({"Zcommun", "Zrare"}), hidden).has_value());
  // Two words in as many documents add up alike in either order.
  EXPECT_TRUE(WordQueryOf(db_, Words({"Zpair", "Zimpair"}), hidden).has_value());
  // From three words on, Xapian may add those two in an order of its own.
  EXPECT_FALSE(WordQueryOf(db_, Words({"Zpair", "Zimpair", "Zcommun"}), hidden).has_value());
  EXPECT_FALSE(WordQueryOf(db_, Words({"Zrare", "Zrare"}), hidden).has_value());
  EXPECT_FALSE(WordQueryOf(db_, Xapian::Query(std::string()), hidden).has_value());
  EXPECT_FALSE(
      WordQueryOf(
          db_, Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zpair"), Xapian::Query("Zrare")),
          hidden)
          .has_value());
  // A phrase is its words, each required, in an index without positions.
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, Xapian::Query("Zcommun"),
                             Xapian::Query("Zrare"));
  const std::optional<WordQuery> words = WordQueryOf(db_, phrase, hidden);
  ASSERT_TRUE(words.has_value());
  EXPECT_EQ(words->terms, (std::vector<std::string>{"Zrare", "Zcommun"}));  // rarest first
  EXPECT_EQ(words->termfreqs, (std::vector<Xapian::doccount>{3, 12}));
  // What is hidden must be a boolean query of terms.
  EXPECT_FALSE(WordQueryOf(db_, Words({"Zrare"}), Xapian::Query(Xapian::Query::OP_VALUE_GE, 0, "a"))
                   .has_value());
}

TEST_F(WordRankingTest, PagesAndCountsAreXapiansWithoutTheHiddenDocuments) {
  for (const std::vector<std::string>& terms :
       std::vector<std::vector<std::string>>{{"Zcommun"}, {"Zrare", "Zcommun"}, {"Zpair"}}) {
    for (const v1::ResultType type :
         {v1::RESULT_TYPE_UNSPECIFIED, v1::RESULT_TYPE_ETABLISSEMENT, v1::RESULT_TYPE_OFFRE}) {
      for (const Xapian::doccount first : {0u, 2u}) {
        const Xapian::Query hidden("XHtest");
        const std::optional<WordQuery> words = WordQueryOf(db_, Words(terms), hidden);
        ASSERT_TRUE(words.has_value());
        const RankedPage mine = RankWords(db_, *words, type, first, 3);
        Xapian::Query query(Xapian::Query::OP_AND_NOT, Words(terms), hidden);
        const Xapian::Query etablissement(schema::kTypeEtablissement);
        if (type == v1::RESULT_TYPE_ETABLISSEMENT) {
          query = Xapian::Query(Xapian::Query::OP_FILTER, query, etablissement);
        } else if (type == v1::RESULT_TYPE_OFFRE) {
          query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, etablissement);
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(RelevanceWeight());
        const RankedPage xapian = PageOf(enquire.get_mset(first, 3, db_.get_doccount()));
        const std::string what = absl::StrCat(terms.front(), " type ", type, " from ", first);
        EXPECT_EQ(mine.estimated, xapian.estimated) << what;
        ASSERT_EQ(mine.hits.size(), xapian.hits.size()) << what;
        for (size_t i = 0; i < mine.hits.size(); ++i) {
          EXPECT_EQ(mine.hits[i].docid, xapian.hits[i].docid) << what;
          EXPECT_EQ(mine.hits[i].weight, xapian.hits[i].weight) << what;
          EXPECT_NE(mine.hits[i].docid, 5u) << what;
          EXPECT_NE(mine.hits[i].docid, 8u) << what;
        }
      }
    }
  }
  // Every document has "Zcommun": 12 less the two hidden.
  const std::optional<WordQuery> all =
      WordQueryOf(db_, Xapian::Query("Zcommun"), Xapian::Query("XHtest"));
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(RankWords(db_, *all, v1::RESULT_TYPE_UNSPECIFIED, 0, 20).hits.size(), 10u);
}

TEST_F(WordRankingTest, TwoHalvesMergeIntoTheWholePage) {
  const WordQuery words = *WordQueryOf(db_, Xapian::Query("Zcommun"), Xapian::Query("XHtest"));
  const RankedPage whole = RankWords(db_, words, v1::RESULT_TYPE_UNSPECIFIED, 1, 6);
  const RankedPage merged =
      Merged(RankWordsIn(db_, words, v1::RESULT_TYPE_UNSPECIFIED, 1, 6, 7),
             RankWordsIn(db_, words, v1::RESULT_TYPE_UNSPECIFIED, 7, 12, 7), 1, 6);
  EXPECT_EQ(merged.estimated, whole.estimated);
  ASSERT_EQ(merged.hits.size(), whole.hits.size());
  for (size_t i = 0; i < whole.hits.size(); ++i) {
    EXPECT_EQ(merged.hits[i].docid, whole.hits[i].docid);
    EXPECT_EQ(merged.hits[i].weight, whole.hits[i].weight);
  }
}

}  // namespace
}  // namespace ror::search::app
