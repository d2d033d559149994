#include "services/search/app/indexer.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_macros.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/search_testing.h"

namespace ror::search::app {
namespace {

// Every term with its frequency, and every word of the vocabulary with its count.
struct IndexContent {
  std::map<std::string, Xapian::doccount> terms;
  std::map<std::string, uint32_t> words;
  Xapian::doccount documents = 0;
};

IndexContent ContentOf(SearchIndex& index) {
  IndexContent content;
  EXPECT_OK(index.Read([&](const Xapian::Database& db) {
    content = {};
    content.documents = db.get_doccount();
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
      content.terms[*it] = it.get_termfreq();
    }
    return absl::OkStatus();
  }));
  for (const auto& [word, count] : index.vocabulary().counts()) content.words[word] = count;
  return content;
}

v1::EtablissementFiche Eg(const std::string& finess, const std::string& nom) {
  v1::EtablissementFiche fiche;
  fiche.set_finess_eg(finess);
  fiche.set_raison_sociale(nom);
  fiche.set_commune("BOURG-EN-BRESSE");
  fiche.set_departement("01");
  fiche.set_has_coordonnees(true);
  fiche.set_latitude(46.2);
  fiche.set_longitude(5.22);
  return fiche;
}

std::vector<v1::EventEnvelope> Directory() {
  std::vector<v1::EventEnvelope> events = {testing::Imported(Eg("010000024", "CH DE FLEYRIAT")),
                                           testing::Imported(Eg("010000032", "CLINIQUE CONVERT"))};
  v1::OffreContent content;
  content.set_champ_activite("01");
  content.add_activites_operationnelles("1");
  const std::vector<std::pair<std::string, std::string>> offres = {
      {"o1", "Rhumatologie"}, {"o2", "Hôpital de jour de cardiologie"}, {"o3", "Cardiologie"}};
  for (const auto& [id, nom] : offres) {
    content.set_nom(nom);
    for (auto& e : testing::PublishedOffre(id, id == "o1" ? "010000024" : "010000032", content)) {
      events.push_back(std::move(e));
    }
  }
  return events;
}

TEST(IndexerTest, ARebuildBuildsTheSameIndexAsTheChangesOneByOne) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  // Event by event: the first builds an index of one document, the others follow the changes.
  for (const v1::EventEnvelope& event : Directory()) ASSERT_OK(directory.Apply({event}));
  const IndexContent followed = ContentOf(directory.index());
  EXPECT_EQ(followed.documents, 5u);
  EXPECT_TRUE(followed.terms.contains("Zrhumatolog"));
  EXPECT_TRUE(followed.terms.contains("Nrhumatologie"));  // the type-ahead's, unstemmed
  EXPECT_FALSE(followed.terms.contains("rhumatologie"));  // no query reads it
  EXPECT_EQ(followed.words.at("cardiologie"), 2u);

  directory.ReopenIndex();  // the vocabulary is read back from the documents
  EXPECT_EQ(ContentOf(directory.index()).words, followed.words);

  ASSERT_OK(directory.DropIndex());
  const IndexContent rebuilt = ContentOf(directory.index());
  EXPECT_EQ(rebuilt.documents, followed.documents);
  EXPECT_EQ(rebuilt.terms, followed.terms);
  EXPECT_EQ(rebuilt.words, followed.words);
}

// o3 validated again under the name `nom`, as stream version `version`.
v1::EventEnvelope Renamed(const std::string& nom, int64_t version) {
  v1::events::DraftValidated validated;
  validated.set_offre_id("o3");
  validated.mutable_published()->set_champ_activite("01");
  validated.mutable_published()->set_nom(nom);
  return testing::EnvelopeOf("offre-o3", version, validated);
}

TEST(IndexerTest, AReaderACommitBehindStillFindsWhatItIndexed) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  ASSERT_OK(directory.Apply(Directory()));
  SearchIndex& index = directory.index();
  int runs = 0;
  std::vector<std::string> seen;
  ASSERT_OK(index.Read([&](const Xapian::Database& db) -> absl::Status {
    ++runs;
    const Xapian::Document o3 =
        db.get_document(*db.postlist_begin(schema::IdTerm(schema::OffreKey("o3"))));
    if (runs == 1) {
      RETURN_IF_ERROR(directory.Apply({Renamed("Cardiologie interventionnelle", 3)}));
      seen.push_back(index.Stored(o3).nom());
      // A second commit: the version this reader indexed is gone, the read starts again.
      RETURN_IF_ERROR(directory.Apply({Renamed("Cardiologie pédiatrique", 4)}));
    }
    seen.push_back(index.Stored(o3).nom());
    return absl::OkStatus();
  }));
  EXPECT_EQ(runs, 2);
  EXPECT_THAT(seen, ::testing::ElementsAre("Cardiologie", "Cardiologie pédiatrique"));
}

TEST(IndexerTest, StoredDocumentsBehindTheIndexAreRebuilt) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  ASSERT_OK(directory.Apply(Directory()));
  ASSERT_OK(directory.Apply({Renamed("Cardiologie interventionnelle", 3)}));
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 1u);
  // A power loss ate the stored documents' last writes, not Xapian's.
  DocumentStore::Batch none(directory.index().documents());
  ASSERT_OK(directory.index().documents().Commit(none, 1));
  ASSERT_OK(directory.indexer().CatchUp());
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 2u);
  std::vector<std::string> noms;
  ASSERT_OK(directory.index().Read([&](const Xapian::Database& db) {
    noms.clear();
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      noms.push_back(directory.index().Stored(db.get_document(*it)).nom());
    }
    return absl::OkStatus();
  }));
  EXPECT_THAT(noms, ::testing::UnorderedElementsAre(
                        "CH DE FLEYRIAT", "CLINIQUE CONVERT", "Rhumatologie",
                        "Hôpital de jour de cardiologie", "Cardiologie interventionnelle"));
}

TEST(IndexerTest, TheVocabularyForgetsTheWordsOfADocumentThatGoes) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  ASSERT_OK(directory.Apply(Directory()));
  const Vocabulary& vocabulary = directory.index().vocabulary();
  EXPECT_EQ(vocabulary.Closest("rhumatolgie"), "rhumatologie");
  v1::events::OffreClosed for_good;
  for_good.set_offre_id("o1");
  for_good.set_definitive(true);
  ASSERT_OK(directory.Apply({testing::EnvelopeOf("offre-o1", 3, for_good)}));
  EXPECT_EQ(vocabulary.Closest("rhumatolgie"), "");
  EXPECT_EQ(vocabulary.Closest("cardiolgie"), "cardiologie");
}

TEST(IndexerTest, ARebuildWaitsWhileTheBusHasRowsToDeliver) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  std::optional<int64_t> backlog = 50000;
  IndexerOptions options;
  options.bus_backlog = [&backlog] { return backlog; };
  testing::IndexedDirectory directory(dir.path(), codes, options);
  ASSERT_OK(directory.Apply(Directory()));
  EXPECT_TRUE(directory.indexer().Stats().waiting_for_bus);
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 0u);
  const auto unavailable = [&] {
    return directory.index()
               .Read([](const Xapian::Database&) { return absl::OkStatus(); })
               .code() == absl::StatusCode::kUnavailable;
  };
  EXPECT_TRUE(unavailable());  // no index yet: not an empty answer

  backlog = std::nullopt;  // the subscriber cannot tell yet: still waiting
  ASSERT_OK(directory.indexer().CatchUp());
  EXPECT_TRUE(directory.indexer().Stats().waiting_for_bus);
  EXPECT_TRUE(unavailable());

  backlog = options.rebuild_waits_above;  // the last few come as changes after the rebuild
  ASSERT_OK(directory.indexer().CatchUp());
  EXPECT_FALSE(directory.indexer().Stats().waiting_for_bus);
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 1u);
  EXPECT_EQ(ContentOf(directory.index()).documents, 5u);
  EXPECT_EQ(directory.indexer().Stats().indexed_change, directory.indexer().Stats().last_change);
}

// While the bus replays, the offres are indexed as their rows come, the EGs at the rebuild: the
// index then holds what a rebuild from the rows at rest holds, whatever changed in between (an
// offre renamed, an EG imported after its offres, an offre closed for good).
TEST(IndexerTest, OffresIndexedWhileTheBusReplaysEndAsARebuildAtRest) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  std::optional<int64_t> backlog = 50000;
  IndexerOptions options;
  options.batch = 2;  // several prefills
  options.bus_backlog = [&backlog] { return backlog; };
  testing::IndexedDirectory directory(dir.path(), codes, options);
  v1::OffreContent content;
  content.set_champ_activite("01");
  content.add_activites_operationnelles("1");
  content.set_nom("Rhumatologie");
  // o1 comes before its EG: indexed without it first, again once the EG is there.
  ASSERT_OK(directory.Apply(testing::PublishedOffre("o1", "010000024", content)));
  ASSERT_OK(directory.Apply(Directory()));
  for (int i = 0; i < 5; ++i) ASSERT_OK(directory.indexer().CatchUp());
  EXPECT_TRUE(directory.indexer().Stats().waiting_for_bus);
  EXPECT_GT(directory.indexer().Stats().prefilled_change, 0u);
  ASSERT_OK(directory.Apply({Renamed("Neurologie pédiatrique", 3)}));
  v1::events::OffreClosed for_good;
  for_good.set_offre_id("o2");
  for_good.set_definitive(true);
  ASSERT_OK(directory.Apply({testing::EnvelopeOf("offre-o2", 3, for_good)}));

  backlog = 0;
  ASSERT_OK(directory.indexer().CatchUp());
  EXPECT_FALSE(directory.indexer().Stats().waiting_for_bus);
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 1u);
  const IndexContent prefilled = ContentOf(directory.index());
  EXPECT_EQ(prefilled.documents, 4u);  // 2 EGs, o1 and o3
  EXPECT_TRUE(prefilled.terms.contains("Zneurolog"));
  EXPECT_FALSE(prefilled.terms.contains("Zcardiolog"));  // o2 gone, o3 renamed

  ASSERT_OK(directory.DropIndex());  // built again from the rows at rest
  const IndexContent at_rest = ContentOf(directory.index());
  EXPECT_EQ(prefilled.documents, at_rest.documents);
  EXPECT_EQ(prefilled.terms, at_rest.terms);
  EXPECT_EQ(prefilled.words, at_rest.words);
}

}  // namespace
}  // namespace ror::search::app
