// The life of an offre: every change goes to the draft while readers keep the published version,
// "Valider" publishes the whole draft, a draft can be discarded; duplicates; closures.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain {
namespace {

using testing::Apply;
using testing::Complete;
using testing::Violations;
const nomenclature::Nomenclatures& Codes() { return testing::BuiltInCodes(); }

using ::ror::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

using testing::kId;
using testing::kNow;

CreateOffre Create() {
  return CreateOffre{.offre_id = kId,
                     .nom = "HC Cardiologie",
                     .champ_activite = "01",
                     .finess_eg = "350000741",
                     .unite_sensible = false,
                     .now = kNow,
                     .modele_saisie = "TEST/01",
                     .modele = testing::OpenModele()};
}

SaveDraft Save(v1::OffreContent draft, int step = 3) {
  return SaveDraft{.offre_id = kId, .draft = std::move(draft), .step = step, .now = kNow};
}

TEST(OffreDraftTest, ANewOffreIsADraftUntilItsFirstValidation) {
  const OffreState created = Apply({}, Create());
  EXPECT_FALSE(created.published.has_value());
  ASSERT_TRUE(created.draft.has_value());
  EXPECT_EQ(created.draft->nom(), "HC Cardiologie");
  EXPECT_EQ(created.shown().nom(), "HC Cardiologie");

  const OffreState saved = Apply(created, Save(Complete()));
  const OffreState validated = Apply(saved, ValidateDraft{.offre_id = kId, .now = kNow});
  ASSERT_TRUE(validated.published.has_value());
  EXPECT_EQ(validated.published->type_offre(), "149");
  EXPECT_FALSE(validated.draft.has_value());
  EXPECT_EQ(validated.version, 3);
}

TEST(OffreDraftTest, ReadersKeepThePublishedVersionWhileTheDraftChanges) {
  OffreState state = Apply(Apply(Apply({}, Create()), Save(Complete())),
                           ValidateDraft{.offre_id = kId, .now = kNow});
  v1::OffreContent edited = Complete();
  edited.set_nom("HC Cardiologie et rythmologie");
  state = Apply(state, Save(edited));
  EXPECT_EQ(state.shown().nom(), "HC Cardiologie");
  ASSERT_TRUE(state.draft.has_value());
  EXPECT_EQ(state.draft->nom(), "HC Cardiologie et rythmologie");

  const OffreState discarded = Apply(state, DiscardDraft{.offre_id = kId, .now = kNow});
  EXPECT_FALSE(discarded.draft.has_value());
  EXPECT_EQ(discarded.published->nom(), "HC Cardiologie");

  const OffreState validated = Apply(state, ValidateDraft{.offre_id = kId, .now = kNow});
  EXPECT_EQ(validated.published->nom(), "HC Cardiologie et rythmologie");
}

TEST(OffreDraftTest, EachStepRequiresItsFields) {
  const OffreState created = Apply({}, Create());
  v1::OffreContent step1_only;
  step1_only.set_nom("HC Cardiologie");
  step1_only.set_champ_activite("01");
  ASSERT_OK_AND_ASSIGN(std::vector<Event> saved, Decide(created, Save(step1_only, 1), Codes()));
  EXPECT_THAT(saved, IsEmpty()) << "the draft already holds exactly this";
  const absl::Status step2 = Decide(created, Save(step1_only, 2), Codes()).status();
  EXPECT_THAT(Violations(step2),
              ::testing::ElementsAre(Pair("draft.type_offre", "required"),
                                     Pair("draft.mode_prise_en_charge", "required")));
  v1::OffreContent step2_done = step1_only;
  step2_done.set_type_offre("149");
  step2_done.set_mode_prise_en_charge("28");
  const absl::Status step3 = Decide(created, Save(step2_done, 3), Codes()).status();
  EXPECT_THAT(Violations(step3),
              ::testing::ElementsAre(Pair("draft.activites_operationnelles", "required")));
  // Step 0 saves what there is, but never without a nom and a champ d'activité.
  v1::OffreContent nameless = step2_done;
  nameless.clear_nom();
  EXPECT_THAT(Violations(Decide(created, Save(nameless, 0), Codes()).status()),
              ::testing::ElementsAre(Pair("draft.nom", "required")));
}

TEST(OffreDraftTest, EveryCodeIsCheckedAgainstItsList) {
  const OffreState created = Apply({}, Create());
  v1::OffreContent bad = Complete();
  bad.set_type_offre("9999");
  bad.set_mode_prise_en_charge("xx");
  bad.set_activites_operationnelles(0, "999");
  bad.add_activites_operationnelles("013");
  bad.add_activites_operationnelles("013");
  const absl::Status status = Decide(created, Save(bad), Codes()).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const auto violations = Violations(status);
  EXPECT_THAT(violations, Contains(Pair("draft.type_offre", "unknown_code")));
  EXPECT_THAT(violations, Contains(Pair("draft.mode_prise_en_charge", "unknown_code")));
  EXPECT_THAT(violations, Contains(Pair("draft.activites_operationnelles[0]", "unknown_code")));
  EXPECT_THAT(violations, Contains(Pair("draft.activites_operationnelles[2]", "duplicate_code")));
  EXPECT_THAT(std::string(status.message()), HasSubstr("J238"));
}

TEST(OffreDraftTest, AnIncompleteDraftCannotBeValidated) {
  const OffreState created = Apply({}, Create());
  EXPECT_THAT(Decide(created, ValidateDraft{.offre_id = kId, .now = kNow}, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("draft.type_offre")));
}

TEST(OffreDraftTest, ANeverValidatedDraftCannotBeDiscarded) {
  EXPECT_THAT(Decide(Apply({}, Create()), DiscardDraft{.offre_id = kId, .now = kNow}, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("jamais été validée")));
}

TEST(OffreDraftTest, CommandsOnAnUnknownOffreAreNotFound) {
  EXPECT_THAT(Decide({}, Save(Complete()), Codes()), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Decide({}, ValidateDraft{.offre_id = kId, .now = kNow}, Codes()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(OffreDraftTest, AnOffreCreatedBeforeDraftsIsPublished) {
  OffreCreated legacy;
  legacy.set_offre_id(kId);
  legacy.set_nom("HC Cardiologie");
  legacy.set_champ_activite("01");
  legacy.set_finess_eg("350000741");
  const OffreState state = Fold({legacy});
  ASSERT_TRUE(state.published.has_value());
  EXPECT_EQ(state.published->nom(), "HC Cardiologie");
  EXPECT_FALSE(state.draft.has_value());
}

}  // namespace
}  // namespace ror::offre::domain

namespace ror::offre::domain {
namespace {

OffreState Published() {
  return Apply(Apply(Apply({}, Create()), Save(Complete())),
               ValidateDraft{.offre_id = kId, .now = kNow});
}

TEST(OffreClosureTest, ATemporaryClosureNeedsAFutureReopeningDateAndCanEnd) {
  const OffreState state = Published();
  EXPECT_THAT(
      Violations(
          Decide(state, CloseOffre{.offre_id = kId, .reopening_date = "", .now = kNow}, Codes())
              .status()),
      ::testing::ElementsAre(Pair("reopening_date", "required")));
  EXPECT_THAT(
      Violations(Decide(state,
                        CloseOffre{.offre_id = kId, .reopening_date = "2026-09-21", .now = kNow},
                        Codes())
                     .status()),
      ::testing::ElementsAre(Pair("reopening_date", "future")));
  EXPECT_THAT(
      Violations(Decide(state,
                        CloseOffre{.offre_id = kId, .reopening_date = "2026-02-30", .now = kNow},
                        Codes())
                     .status()),
      ::testing::ElementsAre(Pair("reopening_date", "date")));
  const OffreState closed =
      Apply(state, CloseOffre{.offre_id = kId, .reopening_date = "2027-01-15", .now = kNow});
  ASSERT_TRUE(closed.closure.has_value());
  EXPECT_FALSE(closed.closure->definitive);
  EXPECT_EQ(closed.closure->reopening_date, "2027-01-15");
  const OffreState reopened = Apply(closed, ReopenOffre{.offre_id = kId, .now = kNow});
  EXPECT_FALSE(reopened.closure.has_value());
}

TEST(OffreClosureTest, ADefinitiveClosureIsFinal) {
  const OffreState closed =
      Apply(Published(),
            CloseOffre{.offre_id = kId, .definitive = true, .reopening_date = "", .now = kNow});
  ASSERT_TRUE(closed.closure.has_value());
  EXPECT_TRUE(closed.closure->definitive);
  EXPECT_THAT(Decide(closed, Save(Complete()), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("définitivement")));
  EXPECT_THAT(Decide(closed, ReopenOffre{.offre_id = kId, .now = kNow}, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(
      Decide(closed, CloseOffre{.offre_id = kId, .reopening_date = "2027-01-15", .now = kNow},
             Codes()),
      StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Violations(Decide(Published(),
                                CloseOffre{.offre_id = kId,
                                           .definitive = true,
                                           .reopening_date = "2027-01-15",
                                           .now = kNow},
                                Codes())
                             .status()),
              ::testing::ElementsAre(Pair("reopening_date", "not_allowed")));
}

TEST(OffreDuplicateTest, ACopyIsANewDraftRememberingItsOrigin) {
  constexpr char kCopyId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c";
  const OffreState origin = Published();
  const OffreState copy = Apply({}, DuplicateOffre{.offre_id = kCopyId,
                                                   .origin_offre_id = kId,
                                                   .finess_eg = origin.finess_eg,
                                                   .content = origin.shown(),
                                                   .now = kNow});
  EXPECT_EQ(copy.offre_id, kCopyId);
  EXPECT_EQ(copy.origin_offre_id, kId);
  EXPECT_FALSE(copy.published.has_value());
  ASSERT_TRUE(copy.draft.has_value());
  EXPECT_EQ(copy.draft->type_offre(), "149");
  EXPECT_EQ(copy.finess_eg, "350000741");
}

}  // namespace
}  // namespace ror::offre::domain

namespace ror::offre::domain {
namespace {

TEST(OffreNamingTest, TheConventionIsSuggestedNeverImposed) {
  v1::OffreContent content = Complete();  // mode 28, hospitalisation complète (HC)
  content.set_nom("Cardiologie");
  const std::vector<std::string> warnings = NamingWarnings(content, Codes());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("« HC Cardiologie »"));
  // Still a valid draft: a warning is no error.
  ASSERT_OK(Decide(Apply({}, Create()), Save(content), Codes()).status());

  content.set_nom("HC Cardiologie");
  EXPECT_THAT(NamingWarnings(content, Codes()), IsEmpty());
  content.set_mode_prise_en_charge("33");  // "Accueil des urgences": no abbreviation to suggest
  content.set_nom("Urgences adultes");
  EXPECT_THAT(NamingWarnings(content, Codes()), IsEmpty());
  content.clear_mode_prise_en_charge();
  EXPECT_THAT(NamingWarnings(content, Codes()), IsEmpty());
}

}  // namespace
}  // namespace ror::offre::domain

namespace ror::offre::domain {
namespace {

TEST(OffrePatienteleTest, AgesHaveUnitsAndTheMaximumIsNotBelowTheMinimum) {
  const OffreState created = Apply({}, Create());
  v1::OffreContent content = Complete();
  content.set_age_min(16);
  content.set_age_min_unite("ans");
  content.set_age_max(18);
  content.set_age_max_unite("mois");
  EXPECT_THAT(Violations(Decide(created, Save(content), Codes()).status()),
              ::testing::ElementsAre(Pair("draft.age_max", "min_max")));

  content.set_age_max(99);
  content.set_age_max_unite("ans");
  const OffreState saved = Apply(created, Save(content));
  EXPECT_EQ(saved.draft->age_min(), 16);

  content.clear_age_min_unite();
  content.set_age_max_unite("siècles");
  EXPECT_THAT(Violations(Decide(created, Save(content), Codes()).status()),
              ::testing::ElementsAre(Pair("draft.age_min_unite", "required"),
                                     Pair("draft.age_max_unite", "one_of")));
  // 0 is an age ("dès la naissance"), not an absent one.
  v1::OffreContent newborns = Complete();
  newborns.set_age_min(0);
  newborns.set_age_min_unite("jours");
  ASSERT_OK(Decide(created, Save(newborns), Codes()).status());
  newborns.set_age_min(-1);
  EXPECT_THAT(Violations(Decide(created, Save(newborns), Codes()).status()),
              ::testing::ElementsAre(Pair("draft.age_min", "range")));
}

}  // namespace
}  // namespace ror::offre::domain
