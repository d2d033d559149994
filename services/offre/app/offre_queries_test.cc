// The handler's queries and template look-ups, over an OffreIndex kept current by the handler:
// the modèles de saisie an EG may use, « Mes actions en attente », « Offres fermées
// définitivement », and the template version a draft is held to.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "services/offre/app/offre_app_testing.h"
#include "services/offre/app/offre_handler.h"
#include "services/offre/app/offre_index.h"

namespace ror::offre::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kEg[] = "350000741";       // imported, category 101 (CHR)
constexpr char kOtherEg[] = "350000742";  // imported, category 101
constexpr char kEhpad[] = "350000743";    // imported, category 500 (EHPAD)

using fixtures::Cardiologie;
using fixtures::TestContext;

std::vector<std::string> Ids(const std::vector<const v1::ModeleSaisie*>& modeles) {
  std::vector<std::string> out;
  for (const v1::ModeleSaisie* m : modeles) out.push_back(m->id());
  return out;
}

std::vector<std::string> OffreIds(const std::vector<OffreSummary>& offres) {
  std::vector<std::string> out;
  for (const OffreSummary& o : offres) out.push_back(o.offre_id);
  return out;
}

std::vector<std::string> Noms(const std::vector<OffreSummary>& offres) {
  std::vector<std::string> out;
  for (const OffreSummary& o : offres) out.push_back(o.nom);
  return out;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field());
  }
  return out;
}

class OffreQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fixtures::ImportEtablissement(store_, clock_, ids_, kEg, "101");
    fixtures::ImportEtablissement(store_, clock_, ids_, kOtherEg, "101");
    fixtures::ImportEtablissement(store_, clock_, ids_, kEhpad, "500");
  }

  // A new offre of `finess_eg` (a draft never validated).
  domain::OffreState Create(std::string nom, std::string finess_eg = kEg) {
    absl::StatusOr<domain::OffreState> created =
        handler_.CreateOffre(Cardiologie(std::move(nom), std::move(finess_eg)), TestContext());
    EXPECT_OK(created.status());
    return created.ok() ? *created : domain::OffreState{};
  }

  // Its draft completed (step 3) and validated.
  void Publish(const domain::OffreState& offre) {
    v1::OffreContent draft = offre.draft.value();
    draft.add_activites_operationnelles("013");
    ASSERT_OK(handler_.SaveDraft(offre.offre_id, draft, 3, TestContext()).status());
    ASSERT_OK(handler_.ValidateDraft(offre.offre_id, TestContext()).status());
  }

  FakeClock clock_;
  IdGenerator ids_{clock_, 1};
  eventstore::MemoryEventStore store_{clock_};
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  OffreIndex index_;
  OffreHandler handler_{store_,  codes_, fixtures::RepositoryModeles(), clock_, ids_,
                        nullptr, &index_};
};

// ---- Modèles de saisie.

TEST_F(OffreQueriesTest, ModelesApplicablesFollowTheEgCategoryAndTheChamp) {
  ASSERT_OK_AND_ASSIGN(auto mco, handler_.ModelesApplicables(kEg, "01"));
  // services/offre/modeles: every template for category 101 in champ 01, latest versions, by id.
  EXPECT_THAT(Ids(mco), ElementsAre("020/01", "139/01", "149/01", "991/01", "MS-141"));
  EXPECT_EQ(mco[1]->version(), 2) << "139/01: its latest version";

  ASSERT_OK_AND_ASSIGN(auto any_champ, handler_.ModelesApplicables(kEg, ""));
  EXPECT_THAT(Ids(any_champ),
              ElementsAre("020/01", "102/01", "139/01", "149/01", "174/01", "991/01", "MS-141"));
  ASSERT_OK_AND_ASSIGN(auto psy, handler_.ModelesApplicables(kEg, "03"));
  EXPECT_THAT(Ids(psy), ElementsAre("174/01"));

  ASSERT_OK_AND_ASSIGN(auto ehpad, handler_.ModelesApplicables(kEhpad, ""));
  EXPECT_THAT(Ids(ehpad), ElementsAre("500/01"));
  ASSERT_OK_AND_ASSIGN(auto ehpad_mco, handler_.ModelesApplicables(kEhpad, "01"));
  EXPECT_THAT(ehpad_mco, IsEmpty());
}

TEST_F(OffreQueriesTest, ModelesApplicablesNeedAKnownWellFormedEg) {
  EXPECT_THAT(handler_.ModelesApplicables("350009999", "01"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("350009999")));
  const absl::Status malformed = handler_.ModelesApplicables("35000", "01").status();
  EXPECT_THAT(malformed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(malformed), ElementsAre("finess_eg"));
}

TEST_F(OffreQueriesTest, CreateOffreJudgesTheModeleOnTheImportedCategory) {
  const uint64_t head = store_.HeadPosition();
  NewOffre cardio_in_ehpad = Cardiologie("HC Cardiologie", kEhpad);
  const absl::Status refused = handler_.CreateOffre(cardio_in_ehpad, TestContext()).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument,
                                AllOf(HasSubstr("149/01"), HasSubstr("catégorie 500"))));
  EXPECT_THAT(Fields(refused), ElementsAre("modele_saisie"));
  EXPECT_EQ(store_.HeadPosition(), head) << "nothing written";

  ASSERT_OK_AND_ASSIGN(domain::OffreState ehpad,
                       handler_.CreateOffre(NewOffre{.nom = "Hébergement permanent",
                                                     .champ_activite = "04",
                                                     .finess_eg = kEhpad,
                                                     .modele_saisie = "500/01"},
                                            TestContext()));
  ASSERT_TRUE(ehpad.draft.has_value());
  EXPECT_EQ(ehpad.draft->type_offre(), "21");
  EXPECT_EQ(ehpad.draft->mode_prise_en_charge(), "46");
  EXPECT_THAT(ehpad.draft->activites_operationnelles(), ElementsAre("050"));
  EXPECT_EQ(ehpad.draft->modele_saisie(), "500/01");
  EXPECT_EQ(ehpad.draft->modele_saisie_version(), 1);
}

TEST_F(OffreQueriesTest, SaveDraftIsHeldToTheModeleTheOffreWasCreatedWith) {
  const domain::OffreState offre = Create("HC Cardiologie");
  v1::OffreContent had = offre.draft.value();
  had.set_mode_prise_en_charge("31");  // HAD: not proposed by 149/01
  had.add_activites_operationnelles("013");
  const absl::Status refused = handler_.SaveDraft(offre.offre_id, had, 3, TestContext()).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("149/01")));
  EXPECT_THAT(Fields(refused), ElementsAre("draft.mode_prise_en_charge"));
}

TEST_F(OffreQueriesTest, ADraftIsRefusedWhenItsModeleVersionIsNoLongerLoaded) {
  const domain::OffreState offre = Create("HC Cardiologie");
  const uint64_t head = store_.HeadPosition();
  v1::OffreContent draft = offre.draft.value();
  draft.add_activites_operationnelles("013");

  const domain::ModeleCatalog empty = domain::ModeleCatalog::Empty();
  OffreHandler without_modeles(store_, codes_, empty, clock_, ids_, nullptr, &index_);
  EXPECT_THAT(without_modeles.SaveDraft(offre.offre_id, draft, 3, TestContext()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("149/01"), HasSubstr("version 1"))));

  // Another version of the same template is not the one the offre is held to.
  v1::ModeleSaisie v2 = *fixtures::RepositoryModeles().Latest("149/01");
  v2.set_version(2);
  ASSERT_OK_AND_ASSIGN(domain::ModeleCatalog only_v2, domain::ModeleCatalog::Build({v2}, codes_));
  OffreHandler with_v2(store_, codes_, only_v2, clock_, ids_, nullptr, &index_);
  EXPECT_THAT(with_v2.SaveDraft(offre.offre_id, draft, 3, TestContext()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("149/01")));

  EXPECT_EQ(store_.HeadPosition(), head) << "nothing written";
  ASSERT_OK_AND_ASSIGN(domain::OffreState read, without_modeles.GetOffre(offre.offre_id));
  EXPECT_EQ(read.version, 1) << "reading needs no template";
  // The catalog the offre was created with still takes it.
  EXPECT_OK(handler_.SaveDraft(offre.offre_id, draft, 3, TestContext()).status());
}

// ---- « Mes actions en attente ».

TEST_F(OffreQueriesTest, ActionsEnAttenteFollowTheDraftOfAnOffre) {
  const domain::OffreState offre = Create("HC Cardiologie");
  ASSERT_OK_AND_ASSIGN(auto pending, handler_.ActionsEnAttente({kEg}));
  ASSERT_THAT(OffreIds(pending), ElementsAre(offre.offre_id));
  EXPECT_FALSE(pending[0].published) << "a new offre, never validated";
  EXPECT_TRUE(pending[0].draft_pending);
  EXPECT_EQ(pending[0].finess_eg, kEg);

  Publish(offre);
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEg}));
  EXPECT_THAT(pending, IsEmpty()) << "validated: nothing waits";

  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(domain::OffreState published, handler_.GetOffre(offre.offre_id));
  v1::OffreContent edited = *published.published;
  edited.set_nom("HC Cardiologie et rythmologie");
  ASSERT_OK(handler_.SaveDraft(offre.offre_id, edited, 3, TestContext()).status());
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEg}));
  ASSERT_THAT(OffreIds(pending), ElementsAre(offre.offre_id));
  EXPECT_TRUE(pending[0].published);
  EXPECT_TRUE(pending[0].draft_pending);
  EXPECT_EQ(pending[0].nom, "HC Cardiologie") << "readers still see the published nom";
  EXPECT_EQ(pending[0].draft_nom, "HC Cardiologie et rythmologie");
  EXPECT_EQ(pending[0].draft_saved_at, clock_.Now()) << "when the draft was saved";

  ASSERT_OK(handler_.DiscardDraft(offre.offre_id, TestContext()).status());
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEg}));
  EXPECT_THAT(pending, IsEmpty()) << "discarded: nothing waits";
}

TEST_F(OffreQueriesTest, ActionsEnAttenteLeaveOutOffresClosedForGood) {
  const domain::OffreState closed = Create("HC Cardiologie fermée");
  ASSERT_OK(handler_.CloseOffre(closed.offre_id, /*definitive=*/true, "", TestContext()).status());
  const domain::OffreState temporary = Create("HC Cardiologie en travaux");
  const absl::Time saved = clock_.Now();
  clock_.Advance(absl::Hours(2));
  ASSERT_OK(
      handler_.CloseOffre(temporary.offre_id, /*definitive=*/false, "2027-01-15", TestContext())
          .status());
  ASSERT_OK_AND_ASSIGN(auto pending, handler_.ActionsEnAttente({kEg}));
  // The temporarily closed one still has its draft to validate, saved before the closure.
  EXPECT_THAT(OffreIds(pending), ElementsAre(temporary.offre_id));
  EXPECT_EQ(pending[0].draft_saved_at, saved);
  EXPECT_EQ(pending[0].updated_at, clock_.Now());
}

TEST_F(OffreQueriesTest, ActionsEnAttenteListOnlyTheEgsAskedFor) {
  const domain::OffreState mine = Create("HC Cardiologie");
  clock_.Advance(absl::Minutes(1));
  const domain::OffreState theirs = Create("HC Cardiologie", kOtherEg);
  clock_.Advance(absl::Minutes(1));
  Create("HC Cardiologie", "350000750");  // an EG not imported: created all the same
  ASSERT_OK_AND_ASSIGN(auto pending, handler_.ActionsEnAttente({kEg}));
  EXPECT_THAT(OffreIds(pending), ElementsAre(mine.offre_id));
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEg, kOtherEg, kEg}));
  EXPECT_THAT(OffreIds(pending), ElementsAre(mine.offre_id, theirs.offre_id))
      << "each offre once, however often its EG is named";
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEhpad}));
  EXPECT_THAT(pending, IsEmpty());
}

TEST_F(OffreQueriesTest, ActionsEnAttenteNeedWellFormedEgs) {
  const absl::Status none = handler_.ActionsEnAttente({}).status();
  EXPECT_THAT(none, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(none), ElementsAre("finess_eg"));
  const absl::Status malformed = handler_.ActionsEnAttente({kEg, "35-0741"}).status();
  EXPECT_THAT(malformed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(malformed), ElementsAre("finess_eg[1]"));
}

TEST_F(OffreQueriesTest, ActionsEnAttenteShowTheLongestWaitingFirst) {
  const domain::OffreState a = Create("HC Cardiologie A");
  clock_.Advance(absl::Hours(1));
  const domain::OffreState b = Create("HC Cardiologie B", kOtherEg);
  clock_.Advance(absl::Hours(1));
  const domain::OffreState c = Create("HC Cardiologie C");
  ASSERT_OK_AND_ASSIGN(auto pending, handler_.ActionsEnAttente({kEg, kOtherEg}));
  EXPECT_THAT(OffreIds(pending), ElementsAre(a.offre_id, b.offre_id, c.offre_id));

  // Saving a's draft again makes it the most recent: it now waits the least.
  clock_.Advance(absl::Hours(1));
  v1::OffreContent draft = a.draft.value();
  draft.set_nom("HC Cardiologie A bis");
  ASSERT_OK(handler_.SaveDraft(a.offre_id, draft, 0, TestContext()).status());
  ASSERT_OK_AND_ASSIGN(pending, handler_.ActionsEnAttente({kEg, kOtherEg}));
  EXPECT_THAT(OffreIds(pending), ElementsAre(b.offre_id, c.offre_id, a.offre_id));
}

// ---- « Offres fermées définitivement ».

TEST_F(OffreQueriesTest, OffresFermeesListOnlyDefinitiveClosuresByNom) {
  const domain::OffreState zeta = Create("HC Zeta");
  const domain::OffreState alpha = Create("HC Alpha");
  const domain::OffreState temporary = Create("HC Beta");
  Create("HC Gamma");  // open
  const domain::OffreState elsewhere = Create("HC Aaa", kOtherEg);
  Publish(alpha);
  for (const domain::OffreState* offre : {&zeta, &alpha, &elsewhere}) {
    ASSERT_OK(
        handler_.CloseOffre(offre->offre_id, /*definitive=*/true, "", TestContext()).status());
  }
  ASSERT_OK(
      handler_.CloseOffre(temporary.offre_id, /*definitive=*/false, "2027-01-15", TestContext())
          .status());

  ASSERT_OK_AND_ASSIGN(auto fermees, handler_.OffresFermees(kEg));
  EXPECT_THAT(Noms(fermees), ElementsAre("HC Alpha", "HC Zeta"));
  EXPECT_THAT(OffreIds(fermees), ElementsAre(alpha.offre_id, zeta.offre_id));
  for (const OffreSummary& offre : fermees) {
    EXPECT_TRUE(offre.closed);
    EXPECT_TRUE(offre.closed_definitively);
  }
  EXPECT_TRUE(fermees[0].published);
  EXPECT_EQ(fermees[0].type_offre, "149");

  ASSERT_OK_AND_ASSIGN(auto other, handler_.OffresFermees(kOtherEg));
  EXPECT_THAT(OffreIds(other), ElementsAre(elsewhere.offre_id));
  ASSERT_OK_AND_ASSIGN(auto none, handler_.OffresFermees(kEhpad));
  EXPECT_THAT(none, IsEmpty());
  const absl::Status malformed = handler_.OffresFermees("ABC").status();
  EXPECT_THAT(malformed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Fields(malformed), ElementsAre("finess_eg"));
}

TEST_F(OffreQueriesTest, AReopenedOffreIsNoLongerClosed) {
  const domain::OffreState offre = Create("HC Cardiologie");
  ASSERT_OK(handler_.CloseOffre(offre.offre_id, /*definitive=*/false, "2027-01-15", TestContext())
                .status());
  ASSERT_OK(handler_.ReopenOffre(offre.offre_id, TestContext()).status());
  ASSERT_OK_AND_ASSIGN(auto fermees, handler_.OffresFermees(kEg));
  EXPECT_THAT(fermees, IsEmpty());
  ASSERT_OK_AND_ASSIGN(auto pending, handler_.ActionsEnAttente({kEg}));
  EXPECT_THAT(OffreIds(pending), ElementsAre(offre.offre_id));
}

// ---- Without an index.

TEST_F(OffreQueriesTest, QueriesNeedAnIndex) {
  OffreHandler without_index(store_, codes_, fixtures::RepositoryModeles(), clock_, ids_);
  EXPECT_THAT(without_index.ActionsEnAttente({kEg}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(without_index.OffresFermees(kEg), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace ror::offre::app
