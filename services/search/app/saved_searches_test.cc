#include "services/search/app/saved_searches.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"
#include "ror/v1/events/search_events.pb.h"

namespace ror::search::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kAlice[] = "0190f3a2-7c1e-7d41-9a51-3c2b7e0d4f10";
constexpr char kBob[] = "0190f3a2-7c1e-7d41-9a51-3c2b7e0d4f11";
constexpr char kTraceparent[] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

SavedSearchCaller Caller(const std::string& owner) {
  authz::Principal principal;
  principal.kind = authz::PrincipalKind::kUser;
  principal.subject = owner;
  principal.display_name = "Alice Martin";
  return CallerOf(principal, "corr-1", kTraceparent);
}

v1::SaveSearchRequest SaveRequest(const std::string& nom, const std::string& id = "",
                                  const std::string& request_id = "", bool par_defaut = false) {
  v1::SaveSearchRequest request;
  request.mutable_search()->set_id(id);
  request.mutable_search()->set_nom(nom);
  request.mutable_search()->mutable_criteria()->set_texte("lits chauds");
  request.mutable_search()->mutable_criteria()->add_regions("84");
  request.mutable_search()->set_type(v1::RESULT_TYPE_OFFRE);
  request.mutable_search()->set_par_defaut(par_defaut);
  request.set_request_id(request_id);
  return request;
}

v1::DeleteSavedSearchRequest DeleteRequest(const std::string& id,
                                           const std::string& request_id = "") {
  v1::DeleteSavedSearchRequest request;
  request.set_id(id);
  request.set_request_id(request_id);
  return request;
}

std::vector<std::string> Noms(const std::vector<v1::SavedSearch>& searches) {
  std::vector<std::string> noms;
  for (const auto& s : searches) noms.push_back(s.nom() + (s.par_defaut() ? " *" : ""));
  return noms;
}

std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
  }
  return out;
}

class SavedSearchesTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  IdGenerator ids_{clock_, 7};
  eventstore::MemoryEventStore store_{clock_};
  SavedSearches saved_{store_, clock_, ids_};
};

TEST_F(SavedSearchesTest, SaveCreatesUnderAFreshIdAndListGivesTheCallersSortedByNom) {
  ASSERT_OK_AND_ASSIGN(v1::SavedSearch lits,
                       saved_.Save(Caller(kAlice), SaveRequest(" Lits chauds ")));
  EXPECT_TRUE(IsUuid(lits.id()));
  EXPECT_EQ(lits.nom(), "Lits chauds");
  EXPECT_EQ(FromProtoTimestamp(lits.saved_at()), clock_.Now());
  EXPECT_EQ(lits.criteria().regions(0), "84");
  ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest("Anesthésie")).status());
  ASSERT_OK(saved_.Save(Caller(kBob), SaveRequest("Bob's")).status());

  ASSERT_OK_AND_ASSIGN(auto alice, saved_.List(Caller(kAlice)));
  EXPECT_THAT(Noms(alice), ElementsAre("Anesthésie", "Lits chauds"));
  ASSERT_OK_AND_ASSIGN(auto bob, saved_.List(Caller(kBob)));
  EXPECT_THAT(Noms(bob), ElementsAre("Bob's"));
  ASSERT_OK_AND_ASSIGN(auto nobody, saved_.List(Caller("0190f3a2-0000-7000-8000-000000000000")));
  EXPECT_THAT(nobody, IsEmpty());
}

TEST_F(SavedSearchesTest, EventsLandOnTheOwnersStreamStampedWithTheCallersContext) {
  ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest("Lits chauds", "", "req-1")).status());
  ASSERT_OK_AND_ASSIGN(auto envelopes,
                       store_.ReadStream(absl::StrCat("recherches-", kAlice), 1, SIZE_MAX));
  ASSERT_THAT(envelopes, SizeIs(1));
  const v1::EventEnvelope& e = envelopes[0];
  EXPECT_EQ(e.event_type(), "SearchSaved");
  EXPECT_EQ(e.schema_version(), 1);
  EXPECT_EQ(e.actor().subject(), kAlice);
  EXPECT_EQ(e.actor().kind(), v1::Actor::KIND_USER);
  EXPECT_EQ(e.correlation_id(), "corr-1");
  EXPECT_EQ(e.traceparent(), kTraceparent);
  EXPECT_FALSE(e.event_id().empty());
  v1::events::SearchSaved payload;
  ASSERT_TRUE(payload.ParseFromString(e.payload()));
  EXPECT_EQ(payload.owner(), kAlice);
  EXPECT_EQ(payload.search().nom(), "Lits chauds");
}

TEST_F(SavedSearchesTest, ReplaceNeedsOneOfTheCallersOwnSearches) {
  ASSERT_OK_AND_ASSIGN(v1::SavedSearch mine, saved_.Save(Caller(kAlice), SaveRequest("Lits")));
  clock_.Advance(absl::Minutes(5));
  ASSERT_OK_AND_ASSIGN(v1::SavedSearch renamed,
                       saved_.Save(Caller(kAlice), SaveRequest("Lits chauds", mine.id())));
  EXPECT_EQ(renamed.id(), mine.id());
  EXPECT_EQ(FromProtoTimestamp(renamed.saved_at()), clock_.Now());
  // Bob cannot replace Alice's search, nor a made-up one.
  EXPECT_THAT(saved_.Save(Caller(kBob), SaveRequest("Volé", mine.id())),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(saved_.Save(Caller(kAlice), SaveRequest("X", "0190f3a2-0000-7000-8000-000000000001")),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK_AND_ASSIGN(auto alice, saved_.List(Caller(kAlice)));
  EXPECT_THAT(Noms(alice), ElementsAre("Lits chauds"));
}

TEST_F(SavedSearchesTest, BadInputNamesTheFieldAndTheRule) {
  ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest("Lits chauds")).status());
  const absl::Status duplicate = saved_.Save(Caller(kAlice), SaveRequest("LITS CHAUDS")).status();
  EXPECT_THAT(duplicate, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Violations(duplicate), ElementsAre("search.nom:unique"));
  EXPECT_THAT(Violations(saved_.Save(Caller(kAlice), SaveRequest("")).status()),
              ElementsAre("search.nom:required"));
  EXPECT_THAT(Violations(saved_.Save(Caller(kAlice), SaveRequest(std::string(101, 'x'))).status()),
              ElementsAre("search.nom:max_length"));
  EXPECT_THAT(
      Violations(
          saved_.Save(Caller(kAlice), SaveRequest("Ok", "", std::string(161, 'r'))).status()),
      ElementsAre("request_id:max_length"));
  EXPECT_THAT(Violations(saved_.Delete(Caller(kAlice), DeleteRequest(""))),
              ElementsAre("id:required"));
  // Another user may use the same nom.
  EXPECT_OK(saved_.Save(Caller(kBob), SaveRequest("Lits chauds")).status());
  // No owner: refused before anything is read.
  EXPECT_THAT(saved_.List(SavedSearchCaller{}), StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(SavedSearchesTest, AtMostFiftySearchesPerUser) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest(absl::StrCat("Recherche ", i))).status());
  }
  EXPECT_THAT(Violations(saved_.Save(Caller(kAlice), SaveRequest("Une de trop")).status()),
              ElementsAre("search:max_count"));
  EXPECT_OK(saved_.Save(Caller(kBob), SaveRequest("Une de trop")).status());
}

TEST_F(SavedSearchesTest, OnlyOneRechercheParDefaut) {
  ASSERT_OK_AND_ASSIGN(auto a, saved_.Save(Caller(kAlice), SaveRequest("A", "", "", true)));
  ASSERT_OK_AND_ASSIGN(auto b, saved_.Save(Caller(kAlice), SaveRequest("B")));
  ASSERT_OK_AND_ASSIGN(auto list, saved_.List(Caller(kAlice)));
  EXPECT_THAT(Noms(list), ElementsAre("A *", "B"));
  ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest("B", b.id(), "", true)).status());
  ASSERT_OK_AND_ASSIGN(list, saved_.List(Caller(kAlice)));
  EXPECT_THAT(Noms(list), ElementsAre("A", "B *"));
  ASSERT_OK(saved_.Save(Caller(kAlice), SaveRequest("C", "", "", true)).status());
  ASSERT_OK_AND_ASSIGN(list, saved_.List(Caller(kAlice)));
  EXPECT_THAT(Noms(list), ElementsAre("A", "B", "C *"));
  // A's flag was cleared by an event of its own, in the same append as C's.
  ASSERT_OK_AND_ASSIGN(auto envelopes,
                       store_.ReadStream(absl::StrCat("recherches-", kAlice), 1, SIZE_MAX));
  EXPECT_THAT(envelopes, SizeIs(6));  // A, B, B + clear A, C + clear B
}

TEST_F(SavedSearchesTest, ARetriedSaveReturnsTheFirstOutcomeAndWritesNothing) {
  ASSERT_OK_AND_ASSIGN(auto first, saved_.Save(Caller(kAlice), SaveRequest("Lits", "", "req-7")));
  const uint64_t head = store_.HeadPosition();
  clock_.Advance(absl::Seconds(3));
  ASSERT_OK_AND_ASSIGN(auto again, saved_.Save(Caller(kAlice), SaveRequest("Lits", "", "req-7")));
  EXPECT_EQ(again.id(), first.id());
  EXPECT_EQ(again.saved_at().seconds(), first.saved_at().seconds());
  EXPECT_EQ(store_.HeadPosition(), head);
  ASSERT_OK_AND_ASSIGN(auto list, saved_.List(Caller(kAlice)));
  EXPECT_THAT(list, SizeIs(1));
  // The same key for another search is an error, not a silent success.
  EXPECT_THAT(saved_.Save(Caller(kAlice), SaveRequest("Autre", "", "req-7")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  // Bob's keys are his own: the same key saves his search.
  ASSERT_OK_AND_ASSIGN(auto bobs, saved_.Save(Caller(kBob), SaveRequest("Lits", "", "req-7")));
  EXPECT_NE(bobs.id(), first.id());
}

TEST_F(SavedSearchesTest, DeleteRemovesAndAnUnknownIdIsNotFound) {
  ASSERT_OK_AND_ASSIGN(auto lits, saved_.Save(Caller(kAlice), SaveRequest("Lits")));
  EXPECT_THAT(saved_.Delete(Caller(kBob), DeleteRequest(lits.id())),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(saved_.Delete(Caller(kAlice), DeleteRequest("0190f3a2-0000-7000-8000-000000000009")),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_OK(saved_.Delete(Caller(kAlice), DeleteRequest(lits.id(), "del-1")));
  const uint64_t head = store_.HeadPosition();
  EXPECT_OK(saved_.Delete(Caller(kAlice), DeleteRequest(lits.id(), "del-1")));  // the retry
  EXPECT_OK(saved_.Delete(Caller(kAlice), DeleteRequest(lits.id())));           // already gone
  EXPECT_EQ(store_.HeadPosition(), head);
  ASSERT_OK_AND_ASSIGN(auto list, saved_.List(Caller(kAlice)));
  EXPECT_THAT(list, IsEmpty());
  EXPECT_THAT(saved_.Save(Caller(kAlice), SaveRequest("Lits", lits.id())),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(SavedSearchStreamTest, UuidsAreKeptOthersEscapedAndLongOnesHashed) {
  EXPECT_EQ(SavedSearchStream(kAlice), absl::StrCat("recherches-", kAlice));
  EXPECT_EQ(SavedSearchStream("a b/_é"), "recherches-a_20b_2F_5F_C3_A9");
  EXPECT_NE(SavedSearchStream("a_b"), SavedSearchStream("a b"));
  const std::string long_a(300, 'a');
  std::string long_b = long_a;
  long_b.back() = 'b';
  EXPECT_THAT(SavedSearchStream(long_a), SizeIs(200));
  EXPECT_NE(SavedSearchStream(long_a), SavedSearchStream(long_b));
}

TEST(SavedSearchesOddOwnerTest, AnOwnerWithUnsafeCharactersStillGetsItsSearches) {
  FakeClock clock;
  IdGenerator ids(clock, 3);
  eventstore::MemoryEventStore store(clock);
  SavedSearches saved(store, clock, ids);
  for (const std::string& owner : {std::string("psc|8 10 0012345"), std::string(500, 'z')}) {
    ASSERT_OK(saved.Save(Caller(owner), SaveRequest("Lits")).status());
    ASSERT_OK_AND_ASSIGN(auto list, saved.List(Caller(owner)));
    EXPECT_THAT(Noms(list), ElementsAre("Lits"));
  }
}

TEST(SavedSearchesRocksDbTest, SearchesSurviveReopeningTheStore) {
  ror::testing::TempDir dir;
  FakeClock clock;
  IdGenerator ids(clock, 11);
  eventstore::RocksDbOptions options;
  options.path = (dir.path() / "events").string();
  std::string default_id;
  {
    ASSERT_OK_AND_ASSIGN(auto store, eventstore::RocksDbEventStore::Open(options, clock));
    SavedSearches saved(*store, clock, ids);
    ASSERT_OK(saved.Save(Caller(kAlice), SaveRequest("Urgences", "", "r1", true)).status());
    ASSERT_OK_AND_ASSIGN(auto lits, saved.Save(Caller(kAlice), SaveRequest("Lits", "", "r2")));
    ASSERT_OK(saved.Save(Caller(kAlice), SaveRequest("Lits", lits.id(), "r3", true)).status());
    ASSERT_OK_AND_ASSIGN(auto doomed, saved.Save(Caller(kAlice), SaveRequest("Doomed")));
    ASSERT_OK(saved.Delete(Caller(kAlice), DeleteRequest(doomed.id(), "r4")));
    default_id = lits.id();
  }
  ASSERT_OK_AND_ASSIGN(auto store, eventstore::RocksDbEventStore::Open(options, clock));
  SavedSearches saved(*store, clock, ids);
  ASSERT_OK_AND_ASSIGN(auto list, saved.List(Caller(kAlice)));
  EXPECT_THAT(Noms(list), ElementsAre("Lits *", "Urgences"));
  EXPECT_EQ(list[0].id(), default_id);
  // A retry after the restart is still recognised.
  const uint64_t head = store->HeadPosition();
  ASSERT_OK_AND_ASSIGN(auto again, saved.Save(Caller(kAlice), SaveRequest("Lits", "", "r2")));
  EXPECT_EQ(again.id(), default_id);
  EXPECT_EQ(store->HeadPosition(), head);
}

}  // namespace
}  // namespace ror::search::app
