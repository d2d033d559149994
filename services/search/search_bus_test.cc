// The search service's index fed from the bus as in production: events appended to an event
// store, published by the relay to the devbroker (the Kafka protocol through librdkafka), consumed
// by the subscriber into the read model and indexed. A newly validated offre is searchable within
// a second; a deleted data directory is rebuilt from the bus and answers the same.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/principal.h"
#include "libs/bus/devbroker.h"
#include "libs/bus/relay.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/search/app/search_engine.h"
#include "services/search/app/search_testing.h"
#include "services/search/app/visibility.h"

namespace ror::search {
namespace {

constexpr absl::Duration kSearchable = absl::Seconds(1);

// The search service's bus side: read model, index, subscriber and indexer on `dir`.
class SearchNode {
 public:
  SearchNode(const std::filesystem::path& dir, const std::string& bootstrap,
             const nomenclature::Nomenclatures& codes)
      : ids_(clock_), projection_(ids_), labels_(codes), builder_(labels_) {
    std::filesystem::create_directories(dir);
    db_ = *bus::ProjectionDb::Open(app::ReadModelDbOptions((dir / "readmodel").string()));
    index_ = *app::SearchIndex::Open(dir / "index", app::IndexLayout());
    model_ = std::make_unique<app::ReadModel>(*db_);
    indexer_ = std::make_unique<app::Indexer>(*model_, *index_, builder_);
    subscriber_ =
        std::make_unique<bus::Subscriber>(bus::SubscriberOptions{.name = "search-test",
                                                                 .bootstrap = bootstrap,
                                                                 .group_id = "ror-search-test",
                                                                 .topics = app::ReadModelTopics()},
                                          *db_, projection_);
    engine_ = std::make_unique<app::SearchEngine>(*index_, codes, nullptr);
    indexer_->Start();
    subscriber_->Start();
  }
  ~SearchNode() {
    subscriber_->Stop();
    indexer_->Stop();
  }

  // The ids a keyword search finds, anonymously; a failed search fails the test.
  std::vector<std::string> Find(const std::string& texte) {
    v1::SearchRequest request;
    request.mutable_criteria()->set_texte(texte);
    request.set_page_size(200);
    absl::StatusOr<v1::SearchResponse> response = engine_->Search(authz::Anonymous(), request);
    std::vector<std::string> ids;
    // UNAVAILABLE: the index is being built (a fresh directory), not an error yet.
    if (absl::IsUnavailable(response.status())) return ids;
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok()) return ids;
    for (const v1::SearchHit& hit : response->hits()) ids.push_back(hit.id());
    return ids;
  }

  uint64_t indexed_change() const { return indexer_->Stats().indexed_change; }

  // Waits until `texte` finds `count` documents; false after `timeout`.
  bool AwaitFound(const std::string& texte, size_t count, absl::Duration timeout) {
    for (absl::Time until = absl::Now() + timeout; absl::Now() < until;) {
      if (Find(texte).size() == count) return true;
      absl::SleepFor(absl::Milliseconds(5));
    }
    return false;
  }

 private:
  SystemClock clock_;
  IdGenerator ids_;
  app::ReadModelProjection projection_;
  app::Labels labels_;
  app::DocumentBuilder builder_;
  std::unique_ptr<bus::ProjectionDb> db_;
  std::unique_ptr<app::SearchIndex> index_;
  std::unique_ptr<app::ReadModel> model_;
  std::unique_ptr<app::Indexer> indexer_;
  std::unique_ptr<bus::Subscriber> subscriber_;
  std::unique_ptr<app::SearchEngine> engine_;
};

class SearchBusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        broker_, bus::DevBroker::Start(
                     {.port = 0,
                      .topics = {{"ror.offre.events.v1", 3}, {"ror.etablissement.events.v1", 3}}}));
    relay_ = std::make_unique<bus::Relay>(
        bus::RelayOptions{.service = "offre", .bootstrap = broker_->bootstrap()}, store_);
    relay_->Start();
  }
  void TearDown() override {
    if (relay_) relay_->Stop(absl::Seconds(5));
  }

  // Appends as the offre service does: the store numbers and stamps, the relay publishes.
  void Append(const std::vector<v1::EventEnvelope>& events) {
    for (v1::EventEnvelope event : events) {
      event.set_event_id(ids_.NewId());
      *event.mutable_occurred_at() = ToProtoTimestamp(clock_.Now());
      const std::string stream = event.stream_id();
      ASSERT_OK(store_.Append(stream, eventstore::kAnyVersion, {event}, ids_.NewId()).status());
    }
  }

  static v1::EtablissementFiche Fiche(const std::string& finess, const std::string& nom) {
    v1::EtablissementFiche fiche;
    fiche.set_finess_eg(finess);
    fiche.set_finess_ej("010780054");
    fiche.set_raison_sociale(nom);
    fiche.set_departement("01");
    fiche.set_commune("BOURG EN BRESSE");
    fiche.set_has_coordonnees(true);
    fiche.set_latitude(46.2);
    fiche.set_longitude(5.22);
    return fiche;
  }

  static v1::OffreContent Content(const std::string& nom) {
    v1::OffreContent content;
    content.set_nom(nom);
    content.set_champ_activite("01");
    return content;
  }

  SystemClock clock_;
  IdGenerator ids_{clock_};
  ror::testing::TempDir dir_;
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  eventstore::MemoryEventStore store_{clock_};
  std::unique_ptr<bus::DevBroker> broker_;
  std::unique_ptr<bus::Relay> relay_;
};

TEST_F(SearchBusTest, AValidatedOffreIsSearchableWithinASecondAndADeletedIndexIsRebuilt) {
  Append({testing::Imported(Fiche("010000024", "CH DE FLEYRIAT")),
          testing::Imported(Fiche("010000032", "CLINIQUE DU PAYS DE BRESSE"))});
  for (int i = 0; i < 20; ++i) {
    Append(testing::PublishedOffre(absl::StrCat("seed-", i), i % 2 ? "010000024" : "010000032",
                                   Content(absl::StrCat("Cardiologie générale ", i))));
  }
  const std::filesystem::path data_dir = dir_.path() / "search";
  auto node = std::make_unique<SearchNode>(data_dir, broker_->bootstrap(), codes_);
  ASSERT_TRUE(node->AwaitFound("cardiologie", 20, absl::Seconds(30)))
      << "the seeded offres never became searchable";

  // A draft is not searched; its validation makes it searchable within a second.
  std::vector<v1::EventEnvelope> events =
      testing::PublishedOffre("nouvelle", "010000024", Content("Rythmologie interventionnelle"));
  const uint64_t before_draft = node->indexed_change();
  Append({events[0]});
  // The draft's creation is consumed and its documents handled: still not searchable.
  for (absl::Time until = absl::Now() + absl::Seconds(10);
       node->indexed_change() == before_draft && absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  ASSERT_GT(node->indexed_change(), before_draft) << "the draft's creation was never indexed";
  EXPECT_TRUE(node->Find("rythmologie").empty()) << "a draft was indexed";
  const absl::Time validated = absl::Now();
  Append({events[1]});
  ASSERT_TRUE(node->AwaitFound("rythmologie", 1, kSearchable))
      << "not searchable " << kSearchable << " after its validation";
  std::cerr << "validated offre searchable after " << absl::Now() - validated << "\n";

  const std::vector<std::string> cardiologie = node->Find("cardiologie");
  const std::vector<std::string> fleyriat = node->Find("fleyriat");
  ASSERT_FALSE(fleyriat.empty());

  // The data directory is deleted: the index is rebuilt from the bus and answers the same.
  node.reset();
  std::filesystem::remove_all(data_dir);
  node = std::make_unique<SearchNode>(data_dir, broker_->bootstrap(), codes_);
  ASSERT_TRUE(node->AwaitFound("cardiologie", cardiologie.size(), absl::Seconds(30)));
  ASSERT_TRUE(node->AwaitFound("rythmologie", 1, absl::Seconds(10)));
  // The same hits (equally relevant ones may come in another order: the index's own).
  EXPECT_THAT(node->Find("cardiologie"), ::testing::UnorderedElementsAreArray(cardiologie));
  EXPECT_THAT(node->Find("fleyriat"), ::testing::UnorderedElementsAreArray(fleyriat));
}

}  // namespace
}  // namespace ror::search
