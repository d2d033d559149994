#include "services/search/domain/saved_search.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"

namespace ror::search::domain {
namespace {

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);
constexpr char kOwner[] = "0190f3a2-7c1e-7d41-9a51-3c2b7e0d4f10";

// The state `events` produce from the empty one.
SavedSearchesState Given(const std::vector<SavedSearchEvent>& events) {
  SavedSearchesState state;
  for (const SavedSearchEvent& e : events) state = Evolve(std::move(state), e);
  return state;
}

// The events `command` yields on `state`; fails the test unless deciding it again on the state
// they produce yields no event (DESIGN §6).
std::vector<SavedSearchEvent> Decided(const SavedSearchesState& state,
                                      const SavedSearchCommand& command) {
  auto events = Decide(state, command);
  EXPECT_OK(events);
  if (!events.ok()) return {};
  SavedSearchesState then = state;
  for (const auto& e : *events) then = Evolve(std::move(then), e);
  auto again = Decide(then, command);
  EXPECT_OK(again);
  if (again.ok()) {
    EXPECT_THAT(*again, IsEmpty()) << "re-deciding must be a no-op";
  }
  return *std::move(events);
}

SavedSearchesState Apply(const SavedSearchesState& state, const SavedSearchCommand& command) {
  SavedSearchesState then = state;
  for (const auto& e : Decided(state, command)) then = Evolve(std::move(then), e);
  return then;
}

std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
  }
  return out;
}

v1::SavedSearch Search(const std::string& id, const std::string& nom, bool par_defaut = false) {
  v1::SavedSearch s;
  s.set_id(id);
  s.set_nom(nom);
  s.mutable_criteria()->add_departements("01");
  s.set_type(v1::RESULT_TYPE_OFFRE);
  s.set_par_defaut(par_defaut);
  return s;
}

SaveSearch Create(const std::string& id, const std::string& nom, bool par_defaut = false) {
  SaveSearch c;
  c.owner = kOwner;
  c.search = Search(id, nom, par_defaut);
  c.replace = false;
  c.now = kNow;
  return c;
}

SaveSearch Replace(const std::string& id, const std::string& nom, bool par_defaut = false) {
  SaveSearch c = Create(id, nom, par_defaut);
  c.replace = true;
  return c;
}

DeleteSavedSearch Deletion(const std::string& id) {
  DeleteSavedSearch c;
  c.owner = kOwner;
  c.id = id;
  c.now = kNow;
  return c;
}

SearchSaved SavedEvent(const std::string& id, const std::string& nom, bool par_defaut = false) {
  SearchSaved e;
  e.set_owner(kOwner);
  *e.mutable_search() = Search(id, nom, par_defaut);
  *e.mutable_search()->mutable_saved_at() = ToProtoTimestamp(kNow - absl::Hours(1));
  return e;
}

TEST(SavedSearchTest, GivenNothingWhenSavedThenItIsStoredTrimmedWithItsTime) {
  const auto events = Decided(SavedSearchesState{}, Create("s1", "  Lits chauds  "));
  ASSERT_THAT(events, SizeIs(1));
  const auto& saved = std::get<SearchSaved>(events[0]);
  EXPECT_EQ(saved.owner(), kOwner);
  EXPECT_EQ(saved.search().nom(), "Lits chauds");
  EXPECT_EQ(FromProtoTimestamp(saved.search().saved_at()), kNow);
  const SavedSearchesState state = Given(events);
  EXPECT_EQ(state.owner, kOwner);
  ASSERT_NE(state.Find("s1"), nullptr);
  EXPECT_EQ(state.Find("s1")->criteria().departements(0), "01");
}

TEST(SavedSearchTest, GivenASearchWhenReplacedThenItsContentChangesUnderTheSameId) {
  const SavedSearchesState given = Given({SavedEvent("s1", "Lits chauds")});
  SaveSearch replace = Replace("s1", "Lits chauds 01");
  replace.search.mutable_criteria()->add_departements("69");
  const SavedSearchesState state = Apply(given, replace);
  ASSERT_THAT(state.searches, SizeIs(1));
  EXPECT_EQ(state.Find("s1")->nom(), "Lits chauds 01");
  EXPECT_THAT(state.Find("s1")->criteria().departements(), ElementsAre("01", "69"));
}

TEST(SavedSearchTest, GivenASearchWhenSavedUnchangedLaterThenNoEvent) {
  const SavedSearchesState given = Given({SavedEvent("s1", "Lits chauds")});
  EXPECT_THAT(Decided(given, Replace("s1", "Lits chauds ")), IsEmpty());
}

TEST(SavedSearchTest, GivenNothingWhenReplacingAnUnknownIdThenNotFound) {
  EXPECT_THAT(Decide(SavedSearchesState{}, Replace("nope", "Lits chauds")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(SavedSearchTest, GivenNothingWhenTheNomIsMissingOrTooLongThenTheFieldAndRuleAreNamed) {
  EXPECT_THAT(Violations(Decide(SavedSearchesState{}, Create("s1", "   ")).status()),
              ElementsAre("search.nom:required"));
  std::string longest;
  for (int i = 0; i < 100; ++i) longest += "é";  // 100 characters, 200 bytes
  EXPECT_THAT(Decided(SavedSearchesState{}, Create("s1", longest)), SizeIs(1));
  EXPECT_THAT(Violations(Decide(SavedSearchesState{}, Create("s1", longest + "e")).status()),
              ElementsAre("search.nom:max_length"));
  EXPECT_THAT(Violations(Decide(SavedSearchesState{}, Create("s1", "a\nb")).status()),
              ElementsAre("search.nom:format"));
}

TEST(SavedSearchTest, GivenNothingWhenTypeAndSortAreUnknownThenBothAreNamed) {
  SaveSearch c = Create("s1", "Lits");
  c.search.set_type(static_cast<v1::ResultType>(42));
  c.search.set_sort(static_cast<v1::SortOrder>(42));
  EXPECT_THAT(Violations(Decide(SavedSearchesState{}, c).status()),
              ElementsAre("search.type:nomenclature", "search.sort:nomenclature"));
}

TEST(SavedSearchTest, GivenASearchWhenAnotherTakesItsNomWhateverCaseAccentsOrBlanksThenRefused) {
  const SavedSearchesState given = Given({SavedEvent("s1", "Pédiatrie Lits chauds")});
  for (const char* nom : {"pédiatrie lits chauds", "PEDIATRIE  LITS CHAUDS",
                          "Pédiatrie Lits chauds", "PÉDIATRIE\u00A0lits chauds"}) {
    const absl::Status status = Decide(given, Create("s2", nom)).status();
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument)) << nom;
    EXPECT_THAT(Violations(status), ElementsAre("search.nom:unique")) << nom;
  }
  // Renaming a search to its own nom in other letters is no clash.
  EXPECT_THAT(Decided(given, Replace("s1", "PEDIATRIE LITS CHAUDS")), SizeIs(1));
}

TEST(SavedSearchTest, GivenFiftySearchesWhenAFiftyFirstIsSavedThenRefusedButReplacingStillWorks) {
  std::vector<SavedSearchEvent> fifty;
  for (size_t i = 0; i < kMaxSavedSearches; ++i) {
    fifty.push_back(SavedEvent(absl::StrCat("s", i), absl::StrCat("Recherche ", i)));
  }
  const SavedSearchesState given = Given(fifty);
  EXPECT_THAT(Violations(Decide(given, Create("new", "Une de plus")).status()),
              ElementsAre("search:max_count"));
  EXPECT_THAT(Decided(given, Replace("s3", "Recherche trois")), SizeIs(1));
  // Once one is deleted there is room again.
  const SavedSearchesState fewer = Apply(given, Deletion("s0"));
  EXPECT_THAT(Decided(fewer, Create("new", "Une de plus")), SizeIs(1));
}

TEST(SavedSearchTest, GivenADefaultWhenAnotherIsSavedAsDefaultThenTheFirstLosesItsFlagByAnEvent) {
  const SavedSearchesState given =
      Given({SavedEvent("s1", "Lits chauds", /*par_defaut=*/true), SavedEvent("s2", "Urgences")});
  const auto events = Decided(given, Replace("s2", "Urgences", /*par_defaut=*/true));
  ASSERT_THAT(events, SizeIs(2));
  EXPECT_EQ(std::get<SearchSaved>(events[0]).search().id(), "s2");
  const auto& cleared = std::get<SearchSaved>(events[1]).search();
  EXPECT_EQ(cleared.id(), "s1");
  EXPECT_FALSE(cleared.par_defaut());
  EXPECT_EQ(cleared.nom(), "Lits chauds");
  EXPECT_EQ(FromProtoTimestamp(cleared.saved_at()), kNow - absl::Hours(1));  // not saved again
  const SavedSearchesState state = Given(
      {SavedEvent("s1", "Lits chauds", true), SavedEvent("s2", "Urgences"), events[0], events[1]});
  ASSERT_NE(state.Default(), nullptr);
  EXPECT_EQ(state.Default()->id(), "s2");
}

TEST(SavedSearchTest, GivenADefaultWhenANewDefaultIsCreatedThenItIsTheOnlyOne) {
  const SavedSearchesState given = Given({SavedEvent("s1", "Lits chauds", true)});
  const SavedSearchesState state = Apply(given, Create("s2", "Urgences", true));
  int defaults = 0;
  for (const auto& s : state.searches) defaults += s.par_defaut() ? 1 : 0;
  EXPECT_EQ(defaults, 1);
  EXPECT_EQ(state.Default()->id(), "s2");
}

TEST(SavedSearchTest, GivenASearchWhenDeletedThenItIsGoneAndDeletingAgainIsANoOp) {
  const SavedSearchesState given =
      Given({SavedEvent("s1", "Lits chauds"), SavedEvent("s2", "Urgences")});
  const auto events = Decided(given, Deletion("s1"));
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(std::get<SavedSearchDeleted>(events[0]).id(), "s1");
  EXPECT_EQ(FromProtoTimestamp(std::get<SavedSearchDeleted>(events[0]).deleted_at()), kNow);
  const SavedSearchesState state = Apply(given, Deletion("s1"));
  EXPECT_EQ(state.Find("s1"), nullptr);
  EXPECT_NE(state.Find("s2"), nullptr);
  // Its nom is free again; replacing the deleted id is not.
  EXPECT_THAT(Decided(state, Create("s3", "Lits chauds")), SizeIs(1));
  EXPECT_THAT(Decide(state, Replace("s1", "Lits chauds")), StatusIs(absl::StatusCode::kNotFound));
}

TEST(SavedSearchTest, GivenNothingWhenDeletingAnUnknownIdThenNotFound) {
  EXPECT_THAT(Decide(Given({SavedEvent("s1", "Lits chauds")}), Deletion("s9")),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(SavedSearchTest, GivenAnotherOwnersStreamWhenDecidingThenRefused) {
  SaveSearch c = Create("s2", "Urgences");
  c.owner = "someone-else";
  EXPECT_THAT(Decide(Given({SavedEvent("s1", "Lits chauds")}), c),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(SavedSearchTest, SortedByNomIgnoresCaseAndAccents) {
  const SavedSearchesState state =
      Given({SavedEvent("s1", "urgences"), SavedEvent("s2", "Écho"), SavedEvent("s3", "Anesthésie"),
             SavedEvent("s4", "Dialyse")});
  std::vector<std::string> noms;
  for (const auto& s : SortedByNom(state)) noms.push_back(s.nom());
  EXPECT_THAT(noms, ElementsAre("Anesthésie", "Dialyse", "Écho", "urgences"));
}

TEST(SavedSearchTest, NomKeyFoldsCaseAccentsAndBlanks) {
  EXPECT_EQ(NomKey("  Œuvre   Hôpital\tÇA "), "oeuvre hopital ca");
  EXPECT_EQ(CharacterCount("é€a"), 3u);
}

}  // namespace
}  // namespace ror::search::domain
