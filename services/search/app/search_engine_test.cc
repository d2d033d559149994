// The search over the 2 472 real établissements of shared/data/finess (Ain and Ille-et-Vilaine)
// and two generated offres for each, read beside the repository; skipped when it is absent.

#include "services/search/app/search_engine.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"
#include "libs/testing/temp_dir.h"
#include "services/search/app/access_filter.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/query_builder.h"
#include "services/search/app/search_testing.h"
#include "services/search/app/split_ranking.h"
#include "services/search/app/word_ranking.h"
#include "services/search/domain/geo.h"
#include "services/search/domain/text_folding.h"
#include "tools/rorctl/finess_import.h"

namespace ror::search::app {
namespace {

using authz::testing::GrantOf;
using authz::testing::UserWith;
using ::ror::testing::IsOkAndHolds;

const std::string kFiness = std::string(ROR_SHARED_DATA_DIR) + "/finess/finess_et_dept01_35.csv";
const std::string kNomenclatures = std::string(ROR_SHARED_DATA_DIR) + "/nomenclatures";

// Bourg-en-Bresse: its town hall, and its COG (the flat FINESS sample carries no COG: the test
// gives it to the EGs of that commune, as the etalab extract would).
constexpr domain::LatLong kBourg{.latitude = 46.2052, .longitude = 5.2255};
constexpr char kBourgCog[] = "01053";

// What the test generated, to compute the expected answers independently of the index.
struct Generated {
  std::string offre_id;
  v1::EtablissementFiche eg;
  v1::OffreContent content;
  bool closed = false;
};

struct Model {
  std::string nom;
  std::string champ;
  std::string activite;  // J17
  std::string mode;      // J19
  std::string type;      // J238
  std::string acte;      // J16
  std::string public_;   // J29
  int age_min_ans;       // -1: none
  int age_max_ans;       // -1: none
};

const Model kModels[] = {
    {"Cardiologie générale", "01", "013", "02", "01", "0001", "03", 18, -1},
    {"Hôpitaux de jour pédiatriques", "01", "088", "09", "02", "0005", "02", 0, 17},
    {"Urgences adultes", "01", "115", "01", "03", "0006", "04", 16, -1},
    {"Médecine gériatrique", "02", "013", "02", "01", "0001", "01", 75, -1},
    {"Psychiatrie adulte", "03", "115", "01", "02", "0005", "04", 18, 64},
};

v1::Contact ContactOf(const std::string& fonction, const std::string& level,
                      const std::string& numero) {
  v1::Contact contact;
  contact.set_fonction(fonction);
  contact.set_confidentialite(level);
  v1::Telecom& telecom = *contact.add_telecoms();
  telecom.set_canal("2");
  telecom.set_valeur(numero);
  telecom.set_confidentialite(level);
  return contact;
}

class SearchEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kFiness) || !std::filesystem::exists(kNomenclatures)) return;
    codes_ = new nomenclature::Nomenclatures(
        *nomenclature::Nomenclatures::LoadDirectory(kNomenclatures));
    dir_ = new ror::testing::TempDir();
    directory_ = new testing::IndexedDirectory(dir_->path(), *codes_);
    generated_ = new std::vector<Generated>();
    finess::testing::Collected read = finess::testing::ReadFile(kFiness);
    ASSERT_TRUE(read.status.ok()) << read.status;
    std::vector<v1::EventEnvelope> events;
    int i = 0;
    for (const finess::EtablissementRecord& record : read.records) {
      v1::EtablissementFiche fiche = rorctl::ToFiche(record);
      if (fiche.commune() == "BOURG EN BRESSE") fiche.set_code_commune(kBourgCog);
      events.push_back(testing::Imported(fiche));
      for (int k = 0; k < 2; ++k, ++i) {
        const Model& m = kModels[i % std::size(kModels)];
        Generated g;
        g.offre_id = absl::StrCat("o", i);
        g.eg = fiche;
        g.content.set_nom(absl::StrCat(m.nom, " ", fiche.raison_sociale()));
        g.content.set_champ_activite(m.champ);
        g.content.add_activites_operationnelles(m.activite);
        g.content.set_mode_prise_en_charge(m.mode);
        g.content.set_type_offre(m.type);
        g.content.add_actes_specifiques(m.acte);
        g.content.add_publics(m.public_);
        if (m.age_min_ans >= 0) {
          g.content.set_age_min(m.age_min_ans);
          g.content.set_age_min_unite("ans");
        }
        if (m.age_max_ans >= 0) {
          g.content.set_age_max(m.age_max_ans);
          g.content.set_age_max_unite("ans");
        }
        // One in 23 is an unité sensible; its contacts are all « très restreint ».
        g.content.set_unite_sensible(i % 23 == 5);
        const bool sensible = g.content.unite_sensible();
        *g.content.add_contacts() = ContactOf("05", sensible ? "3" : "1", "0102030405");
        *g.content.add_contacts() = ContactOf("05", sensible ? "3" : "2", "0607080910");
        *g.content.add_contacts() = ContactOf("05", "3", "0611111111");
        *g.content.add_contacts() = ContactOf("05", "", "0622222222");  // no level set
        for (const v1::EventEnvelope& e :
             testing::PublishedOffre(g.offre_id, fiche.finess_eg(), g.content)) {
          events.push_back(e);
        }
        if (i % 31 == 7) {
          v1::events::OffreClosed closed;
          closed.set_offre_id(g.offre_id);
          closed.set_reopening_date("2027-01-15");
          events.push_back(testing::EnvelopeOf(absl::StrCat("offre-", g.offre_id), 3, closed));
          g.closed = true;
        }
        generated_->push_back(std::move(g));
      }
    }
    // A sensitive offre with a word no other one has.
    Generated xeno;
    xeno.offre_id = "o-xeno";
    xeno.eg = (*generated_)[10].eg;  // not 010000024, where the « stranger » is responsable
    xeno.content = (*generated_)[0].content;
    xeno.content.set_nom("Unité de xénogreffe");
    xeno.content.set_unite_sensible(true);
    xeno.content.clear_activites_operationnelles();
    xeno.content.add_activites_operationnelles("130");
    for (const v1::EventEnvelope& e :
         testing::PublishedOffre(xeno.offre_id, xeno.eg.finess_eg(), xeno.content)) {
      events.push_back(e);
    }
    generated_->push_back(std::move(xeno));
    ASSERT_EQ(read.records.size(), 2472u);
    ASSERT_TRUE(directory_->Apply(events).ok());
    engine_ = new SearchEngine(directory_->index(), *codes_, nullptr);
  }

  void SetUp() override {
    if (engine_ == nullptr) {
      GTEST_SKIP() << "données absentes (" << kFiness << ", " << kNomenclatures
                   << ") : ce test lit shared/data à côté du dépôt";
    }
  }

  static v1::SearchResponse Search(const authz::Principal& who, const v1::SearchCriteria& criteria,
                                   v1::ResultType type = v1::RESULT_TYPE_OFFRE, int page_size = 200,
                                   v1::SortOrder sort = v1::SORT_ORDER_UNSPECIFIED) {
    v1::SearchRequest request;
    *request.mutable_criteria() = criteria;
    request.set_type(type);
    request.set_page_size(page_size);
    request.set_sort(sort);
    absl::StatusOr<v1::SearchResponse> response = engine_->Search(who, request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? *response : v1::SearchResponse();
  }

  // Every offre id of a search, across its pages.
  static std::set<std::string> AllOffres(const authz::Principal& who, v1::SearchCriteria criteria) {
    std::set<std::string> ids;
    for (int page = 0;; ++page) {
      v1::SearchRequest request;
      *request.mutable_criteria() = criteria;
      request.set_type(v1::RESULT_TYPE_OFFRE);
      request.set_page_size(200);
      request.set_page(page);
      absl::StatusOr<v1::SearchResponse> response = engine_->Search(who, request);
      EXPECT_TRUE(response.ok()) << response.status();
      if (!response.ok()) return ids;
      for (const v1::SearchHit& hit : response->hits()) ids.insert(hit.id());
      if (!response->has_more()) return ids;
    }
  }

  // The open offres of the generated set for which `keep` holds (what a régulateur sees).
  static std::set<std::string> Expected(const std::function<bool(const Generated&)>& keep) {
    std::set<std::string> ids;
    for (const Generated& g : *generated_) {
      if (!g.closed && keep(g)) ids.insert(g.offre_id);
    }
    return ids;
  }

  static authz::Principal Regulateur() { return UserWith({GrantOf(authz::Role::kRegulateur)}); }

  static const Generated& FirstSensitive() {
    for (const Generated& g : *generated_) {
      if (g.content.unite_sensible() && !g.closed) return g;
    }
    return generated_->front();
  }

  static nomenclature::Nomenclatures* codes_;
  static ror::testing::TempDir* dir_;
  static testing::IndexedDirectory* directory_;
  static std::vector<Generated>* generated_;
  static SearchEngine* engine_;
};

nomenclature::Nomenclatures* SearchEngineTest::codes_ = nullptr;
ror::testing::TempDir* SearchEngineTest::dir_ = nullptr;
testing::IndexedDirectory* SearchEngineTest::directory_ = nullptr;
std::vector<Generated>* SearchEngineTest::generated_ = nullptr;
SearchEngine* SearchEngineTest::engine_ = nullptr;

std::vector<std::string> Ids(const v1::SearchResponse& response) {
  std::vector<std::string> ids;
  for (const v1::SearchHit& hit : response.hits()) ids.push_back(hit.id());
  return ids;
}

// A total is exact up to kExactCountUpTo; beyond, exact (words alone are all counted) or flagged
// as an estimate (within a factor of two here: Xapian's estimate from term statistics).
void ExpectTotal(const v1::ResultTotals& totals, size_t expected, const std::string& what) {
  if (expected <= kExactCountUpTo || totals.exact()) {
    EXPECT_TRUE(totals.exact()) << what;
    EXPECT_EQ(totals.offres(), static_cast<int64_t>(expected)) << what;
  } else {
    EXPECT_GE(totals.offres(), static_cast<int64_t>(expected / 2)) << what;
    EXPECT_LE(totals.offres(), static_cast<int64_t>(expected * 2)) << what;
  }
}

v1::SearchCriteria Text(const std::string& texte) {
  v1::SearchCriteria c;
  c.set_texte(texte);
  return c;
}

TEST_F(SearchEngineTest, QueriesWithAndWithoutAccentsReturnTheSameResults) {
  for (const auto& [plain, accented] : std::vector<std::pair<std::string, std::string>>{
           {"hopital", "hôpital"},
           {"hopitaux", "HÔPITAUX"},
           {"pediatriques", "pédiatriques"},
           {"medecine geriatrique", "Médecine Gériatrique"}}) {
    const v1::SearchResponse a =
        Search(authz::Anonymous(), Text(plain), v1::RESULT_TYPE_UNSPECIFIED);
    const v1::SearchResponse b =
        Search(authz::Anonymous(), Text(accented), v1::RESULT_TYPE_UNSPECIFIED);
    EXPECT_GT(a.totals().tous(), 0) << plain;
    EXPECT_EQ(a.totals().tous(), b.totals().tous()) << plain;
    EXPECT_EQ(Ids(a), Ids(b)) << plain;
  }
}

TEST_F(SearchEngineTest, HopitalFindsHopitauxThroughFrenchStemming) {
  const v1::SearchResponse page = Search(authz::Anonymous(), Text("hopital"));
  ASSERT_GT(page.hits_size(), 0);
  // The extrait shows the words as written, the matching ones highlighted.
  EXPECT_TRUE(absl::StrContains(page.hits(0).extrait(), "<b>Hôpitaux</b>") ||
              absl::StrContains(page.hits(0).extrait(), "<b>HOPITAL</b>"))
      << page.hits(0).extrait();
  const std::set<std::string> found = AllOffres(Regulateur(), Text("hopital"));
  const std::set<std::string> expected = Expected([](const Generated& g) {
    return absl::StrContains(domain::Fold(g.content.nom()), "hopita");
  });
  EXPECT_FALSE(expected.empty());
  for (const std::string& id : expected) EXPECT_TRUE(found.count(id)) << id;
}

// Whether `query`, or one of its subqueries, is the process-wide Xapian::Query::MatchAll.
bool HoldsTheSharedMatchAll(const Xapian::Query& query) {
  if (query.internal.get() == Xapian::Query::MatchAll.internal.get()) return true;
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
    if (HoldsTheSharedMatchAll(query.get_subquery(i))) return true;
  }
  return false;
}

// Words alone are ranked from their posting lists (word_ranking.h): the same pages, weights and
// counts as Xapian's matcher, for every kind of caller, tab, page and closure.
TEST_F(SearchEngineTest, WordsAloneAreRankedAsXapianRanksThem) {
  authz::Grant own = GrantOf(authz::Role::kResponsableOffre);
  own.finess_eg = {FirstSensitive().eg.finess_eg()};
  const std::vector<authz::Principal> callers = {
      authz::Anonymous(), Regulateur(), UserWith({own}), authz::testing::ApiClientWith(0),
      UserWith({GrantOf(authz::Role::kRegulateur, "53")})};
  const std::vector<std::string> texts = {
      "cardiologie",      "hopital de jour",    "Hôpitaux de jour pédiatriques",
      "urgences adultes", "centre hospitalier", "clinique saint-joseph",
      "bourg en bresse",  "xénogreffe",         "medecine geriatrique rennes",
      "psychiatrie",      "inconnu-partout"};
  int ranked = 0;
  std::map<std::pair<size_t, std::string>, Xapian::doccount> counted;  // caller, text: matches
  for (size_t caller = 0; caller < callers.size(); ++caller) {
    const authz::Principal& who = callers[caller];
    const Visible visible = VisibleTo(who);
    for (const std::string& text : texts) {
      for (const bool fermees : {false, true}) {
        v1::SearchCriteria criteria = Text(text);
        criteria.set_inclure_fermees(fermees);
        for (const v1::ResultType type :
             {v1::RESULT_TYPE_UNSPECIFIED, v1::RESULT_TYPE_ETABLISSEMENT, v1::RESULT_TYPE_OFFRE}) {
          for (const Xapian::doccount first : {0u, 20u}) {
            const std::string what = absl::StrCat("« ", text, " » type ", type, " from ", first,
                                                  fermees ? " with closed" : "");
            ASSERT_OK(directory_->index().Read([&](const Xapian::Database& db) -> absl::Status {
              auto all = BuildQuery(db, directory_->index(), criteria, v1::RESULT_TYPE_UNSPECIFIED,
                                    visible);
              auto tab = BuildQuery(db, directory_->index(), criteria, type, visible);
              if (!all.ok()) return all.status();
              if (!tab.ok()) return tab.status();
              EXPECT_TRUE((*all)->words.has_value()) << what;
              if (!(*all)->words.has_value()) return absl::OkStatus();
              ++ranked;
              const RankedPage mine = RankWords(db, *(*all)->words, type, first, 21);
              if (type == v1::RESULT_TYPE_UNSPECIFIED && !fermees) {
                counted[{caller, text}] = mine.estimated;
              }
              Xapian::Enquire enquire(db);
              enquire.set_query((*tab)->query);
              enquire.set_weighting_scheme(RelevanceWeight());
              const RankedPage xapian = PageOf(enquire.get_mset(first, 21, db.get_doccount()));
              EXPECT_EQ(mine.estimated, xapian.estimated) << what;
              EXPECT_EQ(mine.lower, mine.upper) << what;
              EXPECT_EQ(mine.hits.size(), xapian.hits.size()) << what;
              for (size_t i = 0; i < std::min(mine.hits.size(), xapian.hits.size()); ++i) {
                EXPECT_EQ(mine.hits[i].docid, xapian.hits[i].docid) << what << " hit " << i;
                EXPECT_NEAR(mine.hits[i].weight, xapian.hits[i].weight, 1e-12) << what;
              }
              return absl::OkStatus();
            }));
          }
        }
      }
    }
  }
  EXPECT_EQ(ranked, static_cast<int>(callers.size() * texts.size() * 2 * 3 * 2));
  // The sensitive xénogreffe offre: left out for the anonymous caller, counted for the régulateur.
  EXPECT_EQ((counted[{0, "xénogreffe"}]), 0u);
  EXPECT_EQ((counted[{1, "xénogreffe"}]), 1u);
}

// Ranked on two cores (split_ranking.h), words alone give what one core gives: the same hits,
// scores and totals, also when several searches compete for the helper.
TEST_F(SearchEngineTest, WordsRankedOnTwoCoresAsOnOne) {
  SearchEngine one_core(directory_->index(), *codes_, nullptr, ~Xapian::doccount{0});
  SearchEngine two_cores(directory_->index(), *codes_, nullptr, 0);
  const std::vector<std::string> texts = {
      "cardiologie",     "hopital de jour", "urgences adultes", "centre hospitalier",
      "bourg en bresse", "psychiatrie",     "inconnu-partout"};
  std::vector<v1::SearchRequest> requests;
  for (const std::string& text : texts) {
    for (const v1::ResultType type :
         {v1::RESULT_TYPE_UNSPECIFIED, v1::RESULT_TYPE_ETABLISSEMENT, v1::RESULT_TYPE_OFFRE}) {
      for (const int page : {0, 3}) {
        v1::SearchRequest request;
        *request.mutable_criteria() = Text(text);
        request.set_type(type);
        request.set_page(page);
        request.set_page_size(7);
        requests.push_back(request);
      }
    }
  }
  const authz::Principal anonymous = authz::Anonymous();
  const authz::Principal regulateur = UserWith({GrantOf(authz::Role::kRegulateur, "53")});
  std::vector<std::string> expected;
  for (const v1::SearchRequest& request : requests) {
    for (const authz::Principal* who : {&anonymous, &regulateur}) {
      absl::StatusOr<v1::SearchResponse> response = one_core.Search(*who, request);
      ASSERT_OK(response.status());
      expected.push_back(response->DebugString());
    }
  }
  const auto run = [&](std::vector<std::string>& got) {
    for (const v1::SearchRequest& request : requests) {
      for (const authz::Principal* who : {&anonymous, &regulateur}) {
        absl::StatusOr<v1::SearchResponse> response = two_cores.Search(*who, request);
        got.push_back(response.ok() ? response->DebugString() : response.status().ToString());
      }
    }
  };
  std::vector<std::string> alone_got;
  run(alone_got);
  EXPECT_EQ(alone_got, expected);
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (std::vector<std::string>& g : got) threads.emplace_back([&run, &g] { run(g); });
  for (std::thread& t : threads) t.join();
  for (const std::vector<std::string>& g : got) EXPECT_EQ(g, expected);
  // Every search was offered to the helper: ranked in halves, or on one core when it was busy or
  // not started yet (which of the two depends on the scheduler).
  EXPECT_EQ(two_cores.ranking().split() + two_cores.ranking().alone(), 5 * 2 * requests.size());
}

// A caller that always waits for the helper: every page of two halves is the single pass's.
TEST_F(SearchEngineTest, TheHelpersHalfMergesIntoTheSinglePassPage) {
  SplitRanking ranking(directory_->index(), 0, /*wait_for_helper=*/true);
  const Visible visible = VisibleTo(authz::Anonymous());
  int pages = 0;
  for (const std::string text : {"cardiologie", "hopital de jour", "centre hospitalier"}) {
    for (const v1::ResultType type :
         {v1::RESULT_TYPE_UNSPECIFIED, v1::RESULT_TYPE_ETABLISSEMENT, v1::RESULT_TYPE_OFFRE}) {
      for (const Xapian::doccount first : {0u, 15u}) {
        ASSERT_OK(directory_->index().Read([&](const Xapian::Database& db) -> absl::Status {
          auto built =
              BuildQuery(db, directory_->index(), Text(text), v1::RESULT_TYPE_UNSPECIFIED, visible);
          if (!built.ok()) return built.status();
          EXPECT_TRUE((*built)->words.has_value()) << text;
          if (!(*built)->words.has_value()) return absl::OkStatus();
          ++pages;
          const RankedPage split = ranking.Rank(db, *(*built)->words, type, first, 10);
          const RankedPage whole = RankWords(db, *(*built)->words, type, first, 10);
          EXPECT_EQ(split.estimated, whole.estimated) << text;
          if (type == v1::RESULT_TYPE_UNSPECIFIED) {
            EXPECT_GT(whole.estimated, 0u) << text;
          }
          EXPECT_EQ(split.hits.size(), whole.hits.size()) << text;
          for (size_t i = 0; i < std::min(split.hits.size(), whole.hits.size()); ++i) {
            EXPECT_EQ(split.hits[i].docid, whole.hits[i].docid) << text << " hit " << i;
            EXPECT_EQ(split.hits[i].weight, whole.hits[i].weight) << text;
          }
          return absl::OkStatus();
        }));
      }
    }
  }
  EXPECT_EQ(ranking.split(), static_cast<uint64_t>(pages));
  EXPECT_EQ(ranking.alone(), 0u);
}

// A word given twice weighs twice in Xapian: such a text, or one with criteria, is left to it.
TEST_F(SearchEngineTest, OnlyDistinctWordsWithoutCriteriaAreRankedApart) {
  const Visible visible = VisibleTo(authz::Anonymous());
  ASSERT_OK(directory_->index().Read([&](const Xapian::Database& db) -> absl::Status {
    const auto words_of = [&](const v1::SearchCriteria& criteria) {
      auto built =
          BuildQuery(db, directory_->index(), criteria, v1::RESULT_TYPE_UNSPECIFIED, visible);
      EXPECT_TRUE(built.ok()) << built.status();
      return built.ok() && (*built)->words.has_value();
    };
    EXPECT_TRUE(words_of(Text("cardiologie pédiatrique")));
    EXPECT_FALSE(words_of(Text("cardiologie cardiologie")));
    EXPECT_FALSE(words_of(Text("")));
    v1::SearchCriteria with_criteria = Text("cardiologie");
    with_criteria.add_departements("01");
    EXPECT_FALSE(words_of(with_criteria));
    return absl::OkStatus();
  }));
  // Left to Xapian, the same search still answers.
  EXPECT_GT(Search(authz::Anonymous(), Text("cardiologie cardiologie")).totals().offres(), 0);
}

TEST_F(SearchEngineTest, QueriesNeverHoldTheProcessWideMatchAll) {
  // Its reference count is not atomic: copied by concurrent searches, it was corrupted and the
  // service crashed. Text alone, no text, and only signs each match every document somewhere.
  ASSERT_OK(directory_->index().Read([&](const Xapian::Database& db) -> absl::Status {
    for (const std::string texte : {"cardiologie", "", "!!!"}) {
      for (const v1::ResultType type : {v1::RESULT_TYPE_UNSPECIFIED, v1::RESULT_TYPE_OFFRE}) {
        absl::StatusOr<std::unique_ptr<BuiltQuery>> built =
            BuildQuery(db, directory_->index(), Text(texte), type, VisibleTo(authz::Anonymous()));
        if (!built.ok()) return built.status();
        EXPECT_FALSE(HoldsTheSharedMatchAll((*built)->query)) << "« " << texte << " »";
      }
    }
    return absl::OkStatus();
  }));
}

TEST_F(SearchEngineTest, AMisspelledWordIsSuggestedNeverReplaced) {
  const v1::SearchResponse response = Search(authz::Anonymous(), Text("cardiolgie"));
  EXPECT_EQ(response.suggestion(), "cardiologie");
  EXPECT_EQ(response.totals().tous(), 0);  // the query itself was run as typed
  EXPECT_TRUE(Search(authz::Anonymous(), Text("cardiologie")).suggestion().empty());
}

TEST_F(SearchEngineTest, OffresWithin20KmOfBourgEnBresseSortedByDistance) {
  v1::SearchCriteria c;
  c.mutable_proximite()->mutable_point()->set_latitude(kBourg.latitude);
  c.mutable_proximite()->mutable_point()->set_longitude(kBourg.longitude);
  c.mutable_proximite()->set_rayon_km(20);
  const v1::SearchResponse response =
      Search(Regulateur(), c, v1::RESULT_TYPE_OFFRE, 200, v1::SORT_ORDER_DISTANCE);
  std::map<std::string, const Generated*> by_id;
  for (const Generated& g : *generated_) by_id[g.offre_id] = &g;
  double previous = 0;
  for (const v1::SearchHit& hit : response.hits()) {
    const Generated& g = *by_id.at(hit.id());
    const double expected =
        domain::HaversineKm(kBourg, {.latitude = g.eg.latitude(), .longitude = g.eg.longitude()});
    ASSERT_TRUE(hit.has_distance_km());
    // Within a metre: the index keeps positions to about 1e-6 degree.
    EXPECT_NEAR(hit.distance_km(), expected, 1e-3) << hit.id();
    EXPECT_LE(hit.distance_km(), 20.0);
    EXPECT_GE(hit.distance_km() + 1e-3, previous);
    previous = hit.distance_km();
  }
  // Exactly the offres whose EG lies within 20 km, by the test's own haversine (none of this
  // sample lies within a metre of the circle, where the index's rounding could tell otherwise).
  const std::set<std::string> expected = Expected([](const Generated& g) {
    return g.eg.has_coordonnees() &&
           domain::HaversineKm(kBourg,
                               {.latitude = g.eg.latitude(), .longitude = g.eg.longitude()}) <= 20;
  });
  EXPECT_GT(expected.size(), 50u);
  EXPECT_EQ(AllOffres(Regulateur(), c), expected);
  ExpectTotal(response.totals(), expected.size(), "20 km");
}

TEST_F(SearchEngineTest, ProximityOfACommuneAndOfAnEtablissement) {
  v1::SearchCriteria c;
  c.mutable_proximite()->set_commune(kBourgCog);
  c.mutable_proximite()->set_rayon_km(10);
  const std::set<std::string> near_commune = AllOffres(Regulateur(), c);
  EXPECT_FALSE(near_commune.empty());
  c.mutable_proximite()->set_finess("010000024");  // CH de Fleyriat, Viriat
  const std::set<std::string> near_ch = AllOffres(Regulateur(), c);
  auto from_ch = [](const Generated& g) {
    return domain::HaversineKm({.latitude = 46.22274479119414, .longitude = 5.2085961326419605},
                               {.latitude = g.eg.latitude(), .longitude = g.eg.longitude()});
  };
  // Those within 10 km, give or take the metre the index rounds positions to.
  const std::set<std::string> surely_in =
      Expected([&](const Generated& g) { return g.eg.has_coordonnees() && from_ch(g) <= 9.999; });
  const std::set<std::string> maybe_in =
      Expected([&](const Generated& g) { return g.eg.has_coordonnees() && from_ch(g) <= 10.001; });
  EXPECT_GT(surely_in.size(), 20u);
  for (const std::string& id : surely_in) EXPECT_TRUE(near_ch.count(id)) << id;
  for (const std::string& id : near_ch) EXPECT_TRUE(maybe_in.count(id)) << id;
  c.mutable_proximite()->set_finess("999999999");
  v1::SearchRequest request;
  *request.mutable_criteria() = c;
  const absl::Status unknown = engine_->Search(Regulateur(), request).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(unknown.message()), ::testing::HasSubstr("criteria.proximite.finess"));
}

// Each criterion of the recherche avancée, checked against the generated set.
TEST_F(SearchEngineTest, EveryAdvancedCriterion) {
  const Generated& sample = (*generated_)[100];
  struct Case {
    std::string name;
    std::function<void(v1::SearchCriteria&)> set;
    std::function<bool(const Generated&)> keep;
  };
  const std::vector<Case> cases = {
      {"finess_ej", [&](auto& c) { c.add_finess_ej(sample.eg.finess_ej()); },
       [&](const Generated& g) { return g.eg.finess_ej() == sample.eg.finess_ej(); }},
      {"finess_eg",
       [&](auto& c) {
         c.add_finess_eg(sample.eg.finess_eg());
         c.add_finess_eg("010000024");
       },
       [&](const Generated& g) {
         return g.eg.finess_eg() == sample.eg.finess_eg() || g.eg.finess_eg() == "010000024";
       }},
      {"siret", [&](auto& c) { c.add_siret("26010004500012"); },
       [&](const Generated& g) { return g.eg.siret() == "26010004500012"; }},
      {"regions", [&](auto& c) { c.add_regions("53"); },
       [&](const Generated& g) { return g.eg.departement() == "35"; }},
      {"departements", [&](auto& c) { c.add_departements("01"); },
       [&](const Generated& g) { return g.eg.departement() == "01"; }},
      {"communes", [&](auto& c) { c.add_communes(kBourgCog); },
       [&](const Generated& g) { return g.eg.commune() == "BOURG EN BRESSE"; }},
      {"codes_postaux", [&](auto& c) { c.add_codes_postaux("35000"); },
       [&](const Generated& g) { return g.eg.code_postal() == "35000"; }},
      {"champs_activite",
       [&](auto& c) {
         c.add_champs_activite("02");
         c.add_champs_activite("03");
       },
       [&](const Generated& g) {
         return g.content.champ_activite() == "02" || g.content.champ_activite() == "03";
       }},
      {"activites_operationnelles", [&](auto& c) { c.add_activites_operationnelles("088"); },
       [&](const Generated& g) { return g.content.activites_operationnelles(0) == "088"; }},
      {"modes_prise_en_charge", [&](auto& c) { c.add_modes_prise_en_charge("09"); },
       [&](const Generated& g) { return g.content.mode_prise_en_charge() == "09"; }},
      {"actes_specifiques", [&](auto& c) { c.add_actes_specifiques("0006"); },
       [&](const Generated& g) { return g.content.actes_specifiques(0) == "0006"; }},
      {"types_offre", [&](auto& c) { c.add_types_offre("03"); },
       [&](const Generated& g) { return g.content.type_offre() == "03"; }},
      {"publics", [&](auto& c) { c.add_publics("04"); },
       [&](const Generated& g) { return g.content.publics(0) == "04"; }},
      {"age",
       [&](auto& c) {
         c.mutable_age()->set_valeur(70);
         c.mutable_age()->set_unite("ans");
       },
       [&](const Generated& g) {
         const auto& x = g.content;
         return (!x.has_age_min() || x.age_min() <= 70) && (!x.has_age_max() || x.age_max() >= 70);
       }},
      {"etablissement", [&](auto& c) { c.set_etablissement("centre hospitalier"); },
       [&](const Generated& g) {
         const std::string name =
             domain::Fold(g.eg.raison_sociale_longue().empty() ? g.eg.raison_sociale()
                                                               : g.eg.raison_sociale_longue());
         return absl::StrContains(name, "centre") && absl::StrContains(name, "hospitalier");
       }},
      {"département AND champ",
       [&](auto& c) {
         c.add_departements("35");
         c.add_champs_activite("01");
       },
       [&](const Generated& g) {
         return g.eg.departement() == "35" && g.content.champ_activite() == "01";
       }},
  };
  for (const Case& test : cases) {
    v1::SearchCriteria c;
    test.set(c);
    const std::set<std::string> expected = Expected(test.keep);
    EXPECT_FALSE(expected.empty()) << test.name;
    EXPECT_EQ(AllOffres(Regulateur(), c), expected) << test.name;
    ExpectTotal(Search(Regulateur(), c).totals(), expected.size(), test.name);
  }
}

TEST_F(SearchEngineTest, TotalsPerTabAndEtablissementsCarryTheirOffresCodes) {
  // Few enough to be counted exactly (kExactCountUpTo).
  v1::SearchCriteria c;
  c.add_departements("01");
  c.add_codes_postaux("01000");
  c.add_activites_operationnelles("088");
  const v1::SearchResponse all = Search(authz::Anonymous(), c, v1::RESULT_TYPE_UNSPECIFIED);
  EXPECT_GT(all.totals().etablissements(), 0);
  EXPECT_GT(all.totals().offres(), 0);
  EXPECT_EQ(all.totals().tous(), all.totals().etablissements() + all.totals().offres());
  EXPECT_TRUE(all.totals().exact());
  const v1::SearchResponse etablissements =
      Search(authz::Anonymous(), c, v1::RESULT_TYPE_ETABLISSEMENT);
  for (const v1::SearchHit& hit : etablissements.hits()) {
    EXPECT_EQ(hit.type(), v1::RESULT_TYPE_ETABLISSEMENT);
  }
  EXPECT_EQ(etablissements.totals().etablissements(), all.totals().etablissements());
  EXPECT_EQ(etablissements.totals().offres(), all.totals().offres());
  // Every tab says the totals of all of them.
  const v1::SearchResponse offres = Search(authz::Anonymous(), c, v1::RESULT_TYPE_OFFRE);
  for (const v1::SearchHit& hit : offres.hits()) EXPECT_EQ(hit.type(), v1::RESULT_TYPE_OFFRE);
  EXPECT_EQ(offres.totals().etablissements(), all.totals().etablissements());
  EXPECT_EQ(offres.totals().offres(), all.totals().offres());
}

TEST_F(SearchEngineTest, ASensitiveOffreIsSeenOnlyByThoseAllowed) {
  const Generated& sensitive = FirstSensitive();
  ASSERT_TRUE(sensitive.content.unite_sensible());
  v1::SearchCriteria c;
  c.add_finess_eg(sensitive.eg.finess_eg());
  authz::Grant own = GrantOf(authz::Role::kResponsableOffre);
  own.finess_eg = {sensitive.eg.finess_eg()};
  authz::Grant other = GrantOf(authz::Role::kResponsableOffre);
  other.finess_eg = {"010000024"};
  const authz::Principal responsable = UserWith({own});
  const authz::Principal stranger = UserWith({other});
  EXPECT_TRUE(AllOffres(Regulateur(), c).count(sensitive.offre_id));
  EXPECT_TRUE(AllOffres(responsable, c).count(sensitive.offre_id));
  EXPECT_FALSE(AllOffres(authz::Anonymous(), c).count(sensitive.offre_id));
  EXPECT_FALSE(AllOffres(stranger, c).count(sensitive.offre_id));
  EXPECT_FALSE(AllOffres(authz::testing::ApiClientWith(0), c).count(sensitive.offre_id));
  // Counted for those who see it only.
  const int64_t seen = Search(Regulateur(), c).totals().offres();
  EXPECT_EQ(Search(authz::Anonymous(), c).totals().offres(), seen - 1);
  EXPECT_EQ(Search(stranger, c).totals().offres(), seen - 1);

  // Searched by its own name, it is found by those who see it only.
  v1::SearchCriteria by_name = Text(sensitive.content.nom());
  by_name.add_finess_eg(sensitive.eg.finess_eg());
  EXPECT_EQ(Ids(Search(Regulateur(), by_name)), std::vector<std::string>{sensitive.offre_id});
  EXPECT_EQ(Search(authz::Anonymous(), by_name).totals().tous(), 0);

  // A word only a sensitive offre carries is suggested to those who may see it, to no one else.
  const v1::SearchCriteria misspelled = Text("xenogrefe");
  EXPECT_EQ(Search(Regulateur(), misspelled).suggestion(), "xenogreffe");
  EXPECT_EQ(Search(authz::Anonymous(), misspelled).suggestion(), "");
  EXPECT_EQ(Search(stranger, misspelled).suggestion(), "");
}

TEST_F(SearchEngineTest, ACodeOnlyASensitiveOffreCarriesNeverMakesItsEgMatch) {
  // The xénogreffe offre is the only one with type d'offre 03 at its EG? Use its EG and a code
  // only it has there: activité 130 (none of the generated models uses it).
  const Generated& xeno = generated_->back();
  ASSERT_EQ(xeno.offre_id, "o-xeno");
  v1::SearchCriteria c;
  c.add_finess_eg(xeno.eg.finess_eg());
  c.add_activites_operationnelles("130");
  EXPECT_EQ(Search(Regulateur(), c, v1::RESULT_TYPE_UNSPECIFIED).totals().offres(), 1);
  EXPECT_EQ(Search(Regulateur(), c, v1::RESULT_TYPE_UNSPECIFIED).totals().etablissements(), 0);
  EXPECT_EQ(Search(authz::Anonymous(), c, v1::RESULT_TYPE_UNSPECIFIED).totals().tous(), 0);
}

TEST_F(SearchEngineTest, TelephonesFollowTheirConfidentiality) {
  v1::SearchCriteria c;
  const Generated& plain = (*generated_)[0];
  ASSERT_FALSE(plain.content.unite_sensible());
  c.add_finess_eg(plain.eg.finess_eg());
  auto phones_of = [&](const authz::Principal& who) {
    std::set<std::string> numbers;
    const v1::SearchResponse response = Search(who, c);
    for (const v1::SearchHit& hit : response.hits()) {
      if (hit.id() != plain.offre_id) continue;
      for (const v1::Telephone& t : hit.telephones()) numbers.insert(t.numero());
    }
    return numbers;
  };
  authz::Grant elsewhere = GrantOf(authz::Role::kResponsableOffre);
  elsewhere.finess_eg = {"350000741"};
  const authz::Principal stranger = UserWith({elsewhere});
  // Open data sees the « accès libre » number only; a régulateur sees the restricted ones too; a
  // responsable of another EG not the « très restreint » one; a contact without a level is
  // « très restreint ».
  // The EG's standard (FINESS, open data) comes with every offre of the EG.
  const std::string standard = plain.eg.telephone();
  ASSERT_FALSE(standard.empty());
  EXPECT_EQ(phones_of(authz::Anonymous()), (std::set<std::string>{"0102030405", standard}));
  EXPECT_EQ(phones_of(Regulateur()), (std::set<std::string>{"0102030405", "0607080910",
                                                            "0611111111", "0622222222", standard}));
  EXPECT_FALSE(phones_of(stranger).count("0611111111"));
  EXPECT_FALSE(phones_of(stranger).count("0622222222"));
}

TEST_F(SearchEngineTest, TheExportHoldsTheResultSetAndOnlyWhatTheCallerMaySee) {
  const Generated& sensitive = FirstSensitive();
  v1::ExportSearchRequest request;
  request.mutable_criteria()->add_finess_eg(sensitive.eg.finess_eg());
  request.set_type(v1::RESULT_TYPE_OFFRE);
  auto export_for = [&](const authz::Principal& who) {
    std::string csv;
    EXPECT_OK(engine_->Export(who, request, [&](const std::string& piece) {
      csv += piece;
      return true;
    }));
    return csv;
  };
  const std::string open = export_for(authz::Anonymous());
  EXPECT_FALSE(absl::StrContains(open, "0611111111"));
  const std::string full = export_for(Regulateur());
  EXPECT_TRUE(absl::StartsWith(open, "\xEF\xBB\xBFtype;id;nom;"));
  EXPECT_FALSE(absl::StrContains(open, sensitive.offre_id + ";"));
  EXPECT_TRUE(absl::StrContains(full, sensitive.offre_id + ";"));
  EXPECT_FALSE(absl::StrContains(open, "0607080910"));
  const size_t rows = std::count(full.begin(), full.end(), '\n') - 1;
  EXPECT_EQ(static_cast<int64_t>(rows), Search(Regulateur(), request.criteria()).totals().offres());
}

TEST_F(SearchEngineTest, TypeAheadGivesAtMostTenNamesForAPrefix) {
  v1::SuggestRequest request;
  request.set_prefix("cardio");
  ASSERT_OK_AND_ASSIGN(v1::SuggestResponse response, engine_->Suggest(authz::Anonymous(), request));
  EXPECT_EQ(response.hits_size(), 10);
  for (const v1::SearchHit& hit : response.hits()) {
    EXPECT_TRUE(absl::StrContains(domain::Fold(hit.nom()), "cardio")) << hit.nom();
  }
  // Two words and the beginning of a third, of an établissement's name.
  request.set_prefix("ch de fley");
  ASSERT_OK_AND_ASSIGN(response, engine_->Suggest(authz::Anonymous(), request));
  ASSERT_GT(response.hits_size(), 0);
  for (const v1::SearchHit& hit : response.hits()) {
    EXPECT_TRUE(absl::StrContains(domain::Fold(hit.nom()), "fley")) << hit.nom();
  }
}

TEST_F(SearchEngineTest, ElargirRelaxesAndSaysWhat) {
  v1::SearchCriteria c;
  c.add_communes(kBourgCog);
  c.add_activites_operationnelles("088");
  c.mutable_age()->set_valeur(40);
  c.mutable_age()->set_unite("ans");
  EXPECT_EQ(Search(authz::Anonymous(), c).totals().offres(), 0);
  EXPECT_TRUE(Search(authz::Anonymous(), c).elargissement_possible());
  v1::SearchRequest request;
  *request.mutable_criteria() = c;
  request.set_elargir(true);
  ASSERT_OK_AND_ASSIGN(v1::SearchResponse wider, engine_->Search(authz::Anonymous(), request));
  EXPECT_GT(wider.totals().tous(), 0);
  ASSERT_FALSE(wider.elargissements().empty());
  EXPECT_EQ(wider.elargissements(0), "Critère « Âge » retiré");
}

TEST_F(SearchEngineTest, BadCriteriaNameTheField) {
  v1::SearchRequest request;
  request.mutable_criteria()->add_activites_operationnelles("zzz");
  request.set_page_size(500);
  const absl::Status status = engine_->Search(authz::Anonymous(), request).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("page_size"));
  request.set_page_size(10);
  EXPECT_THAT(std::string(engine_->Search(authz::Anonymous(), request).status().message()),
              ::testing::HasSubstr("criteria.activites_operationnelles[0]"));
}

// Moves, closures and a dropped index, on a small directory of its own.
TEST(SearchEngineChangesTest, MovesAndClosuresAreFollowedAndADroppedIndexAnswersTheSame) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  v1::EtablissementFiche a, b;
  a.set_finess_eg("010000024");
  a.set_raison_sociale("CH DE FLEYRIAT");
  a.set_has_coordonnees(true);
  a.set_latitude(46.2227);
  a.set_longitude(5.2086);
  b.set_finess_eg("350000741");
  b.set_raison_sociale("CHRU PONTCHAILLOU");
  b.set_has_coordonnees(true);
  b.set_latitude(48.1212);
  b.set_longitude(-1.6953);
  std::vector<v1::EventEnvelope> events = {testing::Imported(a), testing::Imported(b)};
  v1::OffreContent content;
  content.set_nom("Hôpital de jour de cardiologie");
  content.set_champ_activite("01");
  for (const auto& e : testing::PublishedOffre("o1", "010000024", content)) events.push_back(e);
  content.set_nom("Hôpitaux de jour pédiatriques");
  for (const auto& e : testing::PublishedOffre("o2", "010000024", content)) events.push_back(e);
  ASSERT_OK(directory.Apply(events));
  auto engine = std::make_unique<SearchEngine>(directory.index(), codes, nullptr);
  const authz::Principal regulateur = UserWith({GrantOf(authz::Role::kRegulateur)});
  auto offres_at = [&](const std::string& eg, bool closed_too) {
    v1::SearchRequest request;
    request.mutable_criteria()->add_finess_eg(eg);
    request.mutable_criteria()->set_inclure_fermees(closed_too);
    request.set_type(v1::RESULT_TYPE_OFFRE);
    absl::StatusOr<v1::SearchResponse> response = engine->Search(regulateur, request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? Ids(*response) : std::vector<std::string>();
  };
  EXPECT_THAT(offres_at("010000024", false), ::testing::UnorderedElementsAre("o1", "o2"));

  v1::events::OffreMoved moved;
  moved.set_offre_id("o1");
  moved.set_from_finess_eg("010000024");
  moved.set_finess_eg("350000741");
  ASSERT_OK(directory.Apply({testing::EnvelopeOf("offre-o1", 3, moved)}));
  EXPECT_THAT(offres_at("010000024", false), ::testing::ElementsAre("o2"));
  EXPECT_THAT(offres_at("350000741", false), ::testing::ElementsAre("o1"));
  // Its position moved with it: near Rennes now, no longer near Bourg-en-Bresse.
  auto offres_near = [&](double latitude, double longitude) {
    v1::SearchRequest request;
    request.mutable_criteria()->mutable_proximite()->mutable_point()->set_latitude(latitude);
    request.mutable_criteria()->mutable_proximite()->mutable_point()->set_longitude(longitude);
    request.mutable_criteria()->mutable_proximite()->set_rayon_km(10);
    request.set_type(v1::RESULT_TYPE_OFFRE);
    absl::StatusOr<v1::SearchResponse> response = engine->Search(regulateur, request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? Ids(*response) : std::vector<std::string>();
  };
  EXPECT_THAT(offres_near(48.11, -1.68), ::testing::ElementsAre("o1"));
  EXPECT_THAT(offres_near(46.2052, 5.2255), ::testing::ElementsAre("o2"));

  v1::events::OffreClosed temporarily;
  temporarily.set_offre_id("o2");
  temporarily.set_reopening_date("2027-01-15");
  ASSERT_OK(directory.Apply({testing::EnvelopeOf("offre-o2", 3, temporarily)}));
  EXPECT_TRUE(offres_at("010000024", false).empty());
  EXPECT_THAT(offres_at("010000024", true), ::testing::ElementsAre("o2"));

  v1::events::OffreClosed for_good;
  for_good.set_offre_id("o1");
  for_good.set_definitive(true);
  ASSERT_OK(directory.Apply({testing::EnvelopeOf("offre-o1", 4, for_good)}));
  EXPECT_TRUE(offres_at("350000741", true).empty());

  v1::SearchRequest hopital;
  hopital.mutable_criteria()->set_texte("hopital");
  hopital.mutable_criteria()->set_inclure_fermees(true);
  ASSERT_OK_AND_ASSIGN(const v1::SearchResponse kept, engine->Search(regulateur, hopital));
  EXPECT_EQ(Ids(kept), std::vector<std::string>{"o2"});
  engine.reset();
  ASSERT_OK(directory.DropIndex());
  engine = std::make_unique<SearchEngine>(directory.index(), codes, nullptr);
  ASSERT_OK_AND_ASSIGN(const v1::SearchResponse rebuilt, engine->Search(regulateur, hopital));
  EXPECT_EQ(Ids(kept), Ids(rebuilt));
  EXPECT_EQ(kept.totals().tous(), rebuilt.totals().tous());
  EXPECT_EQ(directory.indexer().Stats().rebuilds, 1u);
}

// _lastUpdated: offres whose last change falls in a period, bounds open or not, the end excluded;
// établissements by the last change of their own fiche.
TEST(SearchEngineChangesTest, OffresAndEtablissementsLastChangedWithinAPeriod) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  v1::EtablissementFiche eg;
  eg.set_finess_eg("010000024");
  eg.set_raison_sociale("CH DE FLEYRIAT");
  v1::EtablissementFiche belley;
  belley.set_finess_eg("010000032");
  belley.set_raison_sociale("CH DU HAUT BUGEY");
  std::vector<v1::EventEnvelope> events = {testing::Imported(eg), testing::Imported(belley)};
  events[0].mutable_occurred_at()->set_seconds(1'790'000'000);
  events[1].mutable_occurred_at()->set_seconds(1'790'000'000 + 3 * 86400);
  v1::OffreContent content;
  content.set_nom("Cardiologie");
  content.set_champ_activite("01");
  for (const auto& [id, day] :
       std::vector<std::pair<std::string, int>>{{"o1", 1}, {"o2", 2}, {"o3", 3}}) {
    std::vector<v1::EventEnvelope> published = testing::PublishedOffre(id, "010000024", content);
    published[1].mutable_occurred_at()->set_seconds(1'790'000'000 + day * 86400);
    events.insert(events.end(), published.begin(), published.end());
  }
  ASSERT_OK(directory.Apply(events));
  SearchEngine engine(directory.index(), codes, nullptr);
  auto changed = [&](std::optional<int> from_day, std::optional<int> until_day,
                     v1::ResultType type = v1::RESULT_TYPE_OFFRE) {
    v1::SearchRequest request;
    request.set_type(type);
    v1::Periode& period = *request.mutable_criteria()->mutable_mis_a_jour();
    if (from_day) period.mutable_depuis()->set_seconds(1'790'000'000 + *from_day * 86400);
    if (until_day) period.mutable_jusqua()->set_seconds(1'790'000'000 + *until_day * 86400);
    absl::StatusOr<v1::SearchResponse> response = engine.Search(authz::Anonymous(), request);
    EXPECT_TRUE(response.ok()) << response.status();
    // The ids alone, as the FHIR facade asks: the same hits, without their stored documents.
    request.set_ids_only(true);
    absl::StatusOr<v1::SearchResponse> ids = engine.Search(authz::Anonymous(), request);
    EXPECT_TRUE(ids.ok()) << ids.status();
    if (ids.ok() && response.ok()) {
      EXPECT_EQ(Ids(*ids), Ids(*response));
      for (const v1::SearchHit& hit : ids->hits()) {
        EXPECT_EQ(hit.type(), type);
        EXPECT_TRUE(hit.nom().empty());
      }
    }
    return response.ok() ? Ids(*response) : std::vector<std::string>();
  };
  EXPECT_THAT(changed(2, std::nullopt), ::testing::UnorderedElementsAre("o2", "o3"));
  EXPECT_THAT(changed(std::nullopt, 2), ::testing::UnorderedElementsAre("o1"));
  EXPECT_THAT(changed(2, 3), ::testing::UnorderedElementsAre("o2"));
  EXPECT_THAT(changed(2, 2 + 1), ::testing::UnorderedElementsAre("o2"));  // [day 2, day 3)
  // An EG's offres changing leave its own date alone: Fleyriat's fiche is of day 0.
  const v1::ResultType egs = v1::RESULT_TYPE_ETABLISSEMENT;
  EXPECT_THAT(changed(1, std::nullopt, egs), ::testing::ElementsAre("010000032"));
  EXPECT_THAT(changed(std::nullopt, 1, egs), ::testing::ElementsAre("010000024"));
  EXPECT_THAT(changed(0, 4, egs), ::testing::UnorderedElementsAre("010000024", "010000032"));
  v1::SearchRequest backwards;
  backwards.set_type(v1::RESULT_TYPE_OFFRE);
  backwards.mutable_criteria()->mutable_mis_a_jour()->mutable_depuis()->set_seconds(2);
  backwards.mutable_criteria()->mutable_mis_a_jour()->mutable_jusqua()->set_seconds(1);
  const absl::Status refused = engine.Search(authz::Anonymous(), backwards).status();
  EXPECT_TRUE(absl::IsInvalidArgument(refused)) << refused;
  EXPECT_THAT(refused.ToString(), ::testing::HasSubstr("mis_a_jour"));
}

// An index built under another layout (another access policy) is never read.
TEST(SearchIndexTest, AnIndexOfAnotherLayoutIsUnavailable) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto index, SearchIndex::Open(dir.path() / "x", "layout-2"));
  index->writer().set_metadata(schema::kMetaLayout, "layout-1");
  ASSERT_OK(index->Commit());
  EXPECT_EQ(index->Read([](const Xapian::Database&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kUnavailable);
  index->writer().set_metadata(schema::kMetaLayout, "layout-2");
  ASSERT_OK(index->Commit());
  EXPECT_OK(index->Read([](const Xapian::Database&) { return absl::OkStatus(); }));
}

// A read model of the previous layout (no EG dates) is emptied, to be rebuilt from the bus.
TEST(SearchReadModelTest, ARowsLayoutOfAnotherVersionIsEmptiedToBeRebuilt) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto db, bus::ProjectionDb::Open(ReadModelDbOptions(dir.path().string())));
  FakeClock clock;
  IdGenerator ids(clock, 7);
  ReadModelProjection projection(ids);
  ReadModel model(*db);
  v1::EtablissementFiche eg;
  eg.set_finess_eg("010000024");
  eg.set_raison_sociale("CH DE FLEYRIAT");
  v1::EventEnvelope imported = testing::Imported(eg);
  imported.mutable_occurred_at()->set_seconds(1'790'000'000);
  ASSERT_OK(EnsureReadModelLayout(*db));
  bus::ProjectionWrite write(*db);
  ASSERT_OK(projection.Apply(imported, write));
  ASSERT_OK(db->Commit(write));
  ASSERT_OK(EnsureReadModelLayout(*db));  // the same layout: kept
  EXPECT_THAT(
      model.EtablissementUpdatedAt("010000024"),
      IsOkAndHolds(::testing::Property(&google::protobuf::Timestamp::seconds, 1'790'000'000)));
  ASSERT_OK(db->PutMeta("search.readmodel.layout", "1"));
  ASSERT_OK(EnsureReadModelLayout(*db));
  ASSERT_OK_AND_ASSIGN(auto gone, model.Etablissement("010000024"));
  EXPECT_FALSE(gone.has_value());
  EXPECT_THAT(model.Epoch(), IsOkAndHolds(""));
}

// The établissement topic carries the entités juridiques too: their fiches are passed over, and
// what follows them is applied as before.
TEST(SearchReadModelTest, AnEntiteJuridiqueIsPassedOverAndWhatFollowsIsApplied) {
  ror::testing::TempDir dir;
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  testing::IndexedDirectory directory(dir.path(), codes);
  v1::events::EntiteJuridiqueImported ej;
  ej.mutable_fiche()->set_finess_ej("010780054");
  ej.mutable_fiche()->set_raison_sociale("CENTRE HOSPITALIER DE BOURG EN BRESSE");
  v1::EtablissementFiche eg;
  eg.set_finess_eg("010000024");
  eg.set_finess_ej("010780054");
  eg.set_raison_sociale("CH DE FLEYRIAT");
  ASSERT_OK(directory.Apply(
      {testing::EnvelopeOf("etablissement-ej-010780054", 1, ej), testing::Imported(eg)}));
  SearchEngine engine(directory.index(), codes, nullptr);
  auto found = [&](const std::string& text) {
    v1::SearchRequest request;
    request.mutable_criteria()->set_texte(text);
    request.set_type(v1::RESULT_TYPE_ETABLISSEMENT);
    absl::StatusOr<v1::SearchResponse> response = engine.Search(authz::Anonymous(), request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? Ids(*response) : std::vector<std::string>();
  };
  EXPECT_THAT(found("fleyriat"), ::testing::ElementsAre("010000024"));
  EXPECT_THAT(found("bresse"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace ror::search::app
