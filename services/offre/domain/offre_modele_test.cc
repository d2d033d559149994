// The modèle de saisie of an offre, as the decider judges it: CreateOffre requires one, judged on
// the EG's FINESS category and the champ d'activité; it pre-fills the draft and records its id and
// version; every draft saved afterwards is held to that version's restrictions.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain {
namespace {

using testing::Apply;
using testing::Complete;  // within the restrictions of Cardiologie() below
using testing::Violations;
const nomenclature::Nomenclatures& Codes() { return testing::BuiltInCodes(); }

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

using testing::kId;
using testing::kNow;

// Cardiologie, for CHR (101) and CH (355) in MCO (01); version 2, so that the version recorded
// cannot be mistaken for a default.
v1::ModeleSaisie Cardiologie() {
  v1::ModeleSaisie m;
  m.set_id("149/01");
  m.set_version(2);
  m.set_titre("Unité hospitalière de cardiologie");
  m.add_categories_eg("101");
  m.add_categories_eg("355");
  m.add_champs_activite("01");
  m.mutable_prefill()->set_type_offre("149");
  m.mutable_prefill()->set_mode_prise_en_charge("28");
  v1::ChampRestreint* type = m.add_restrictions();
  type->set_champ("type_offre");
  type->add_codes("149");
  v1::ChampRestreint* mode = m.add_restrictions();
  mode->set_champ("mode_prise_en_charge");
  mode->add_codes("28");
  mode->add_codes("29");
  v1::ChampRestreint* activites = m.add_restrictions();
  activites->set_champ("activites_operationnelles");
  activites->add_codes("013");
  activites->add_codes("014");
  return m;
}

EtablissementFacts Eg(std::string categorie) {
  return EtablissementFacts{.finess_eg = "350000741",
                            .categorie = std::move(categorie),
                            .libelle_categorie = "Catégorie de test"};
}

CreateOffre Create(std::string champ = "01",
                   std::optional<EtablissementFacts> etablissement = Eg("101")) {
  return CreateOffre{.offre_id = kId,
                     .nom = "HC Cardiologie",
                     .champ_activite = std::move(champ),
                     .finess_eg = "350000741",
                     .now = kNow,
                     .modele_saisie = "149/01",
                     .modele = Cardiologie(),
                     .etablissement = std::move(etablissement)};
}

SaveDraft Save(v1::OffreContent draft, std::optional<v1::ModeleSaisie> modele = Cardiologie()) {
  return SaveDraft{.offre_id = kId,
                   .draft = std::move(draft),
                   .step = 3,
                   .now = kNow,
                   .modele = std::move(modele)};
}

// The descriptions of the violations on `field`.
std::vector<std::string> Descriptions(const absl::Status& status, absl::string_view field) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) {
      if (v.field() == field) out.push_back(v.description());
    }
  }
  return out;
}

absl::Status Refusal(const OffreState& state, const Command& command) {
  absl::StatusOr<std::vector<Event>> events = Decide(state, command, Codes());
  EXPECT_THAT(events, StatusIs(absl::StatusCode::kInvalidArgument));
  return events.status();
}

TEST(OffreModeleTest, GivenNothingWhenCreateWithoutModeleThenRequired) {
  CreateOffre c = Create();
  c.modele_saisie = "";
  c.modele = std::nullopt;
  EXPECT_THAT(Violations(Refusal({}, c)), ElementsAre(Pair("modele_saisie", "required")));
  c.modele_saisie = "   ";  // blanks only: none chosen either
  EXPECT_THAT(Violations(Refusal({}, c)), ElementsAre(Pair("modele_saisie", "required")));
}

TEST(OffreModeleTest, GivenNothingWhenCreateWithAnUnknownModeleThenUnknown) {
  CreateOffre c = Create();
  c.modele_saisie = "999/99";
  c.modele = std::nullopt;  // what the handler passes when the catalog does not have it
  const absl::Status status = Refusal({}, c);
  EXPECT_THAT(Violations(status), ElementsAre(Pair("modele_saisie", "unknown")));
  EXPECT_THAT(Descriptions(status, "modele_saisie"), ElementsAre(HasSubstr("999/99")));
}

TEST(OffreModeleTest, GivenNothingWhenCreateThenTheModelePreFillsAndIsRecorded) {
  ASSERT_OK_AND_ASSIGN(std::vector<Event> events, Decide({}, Create(), Codes()));
  ASSERT_THAT(events, SizeIs(1));
  const auto* created = std::get_if<OffreCreated>(&events[0]);
  ASSERT_NE(created, nullptr);
  const v1::OffreContent& draft = created->draft();
  EXPECT_EQ(draft.nom(), "HC Cardiologie");
  EXPECT_EQ(draft.champ_activite(), "01");
  EXPECT_EQ(draft.type_offre(), "149");
  EXPECT_EQ(draft.mode_prise_en_charge(), "28");
  EXPECT_THAT(draft.activites_operationnelles(), IsEmpty()) << "the template pre-fills none";
  EXPECT_EQ(draft.modele_saisie(), "149/01");
  EXPECT_EQ(draft.modele_saisie_version(), 2);

  const OffreState state = Apply({}, Create());
  ASSERT_TRUE(state.draft.has_value());
  EXPECT_FALSE(state.published.has_value());
  EXPECT_EQ(state.draft->type_offre(), "149");
  EXPECT_EQ(state.draft->modele_saisie(), "149/01");
  EXPECT_EQ(state.draft->modele_saisie_version(), 2);
}

TEST(OffreModeleTest, GivenCreatedWhenTheSameCreateThenNothingAndAnotherModeleIsRefused) {
  const OffreState created = Apply({}, Create());  // Apply checks the re-run yields no event
  ASSERT_OK_AND_ASSIGN(std::vector<Event> again, Decide(created, Create(), Codes()));
  EXPECT_THAT(again, IsEmpty());
  EXPECT_EQ(created.version, 1);

  // The same id with another template is another offre: refused, not silently accepted.
  CreateOffre other = Create();
  other.modele_saisie = "TEST/01";
  other.modele = testing::OpenModele();
  EXPECT_THAT(Decide(created, other, Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("existe déjà")));
}

TEST(OffreModeleTest, AnEgOfACategoryTheModeleDoesNotListIsRefused) {
  const absl::Status status = Refusal({}, Create("01", Eg("500")));
  EXPECT_THAT(Violations(status), ElementsAre(Pair("modele_saisie", "modele_saisie")));
  EXPECT_THAT(Descriptions(status, "modele_saisie"),
              ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("catégorie 500"))));
  // Listed categories are accepted.
  Apply({}, Create("01", Eg("355")));
}

TEST(OffreModeleTest, AChampTheModeleDoesNotListIsRefused) {
  const absl::Status status = Refusal({}, Create("02", Eg("101")));
  EXPECT_THAT(Violations(status), ElementsAre(Pair("modele_saisie", "modele_saisie")));
  EXPECT_THAT(Descriptions(status, "modele_saisie"),
              ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("champ d'activité 02"))));
}

TEST(OffreModeleTest, AnEgNotImportedIsJudgedOnTheChampAlone) {
  // Category unknown: accepted when the champ matches…
  const OffreState created = Apply({}, Create("01", std::nullopt));
  EXPECT_EQ(created.draft->modele_saisie(), "149/01");
  // …refused, naming the champ, when it does not.
  const absl::Status status = Refusal({}, Create("02", std::nullopt));
  EXPECT_THAT(Violations(status), ElementsAre(Pair("modele_saisie", "modele_saisie")));
  EXPECT_THAT(Descriptions(status, "modele_saisie"),
              ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("champ d'activité 02"))));
}

TEST(OffreModeleTest, AWithdrawnModeleIsRefusedWhetherTheEgIsImportedOrNot) {
  for (const std::optional<EtablissementFacts>& eg :
       {std::optional<EtablissementFacts>(Eg("101")), std::optional<EtablissementFacts>()}) {
    CreateOffre c = Create("01", eg);
    c.modele->set_retire(true);
    const absl::Status status = Refusal({}, c);
    EXPECT_THAT(Violations(status), ElementsAre(Pair("modele_saisie", "modele_saisie")))
        << (eg.has_value() ? "EG imported" : "EG not imported");
    EXPECT_THAT(Descriptions(status, "modele_saisie"),
                ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("est retiré"))));
  }
}

TEST(OffreModeleTest, AnInvalidChampYieldsOnlyTheChampViolation) {
  for (const std::optional<EtablissementFacts>& eg :
       {std::optional<EtablissementFacts>(Eg("101")), std::optional<EtablissementFacts>()}) {
    EXPECT_THAT(Violations(Refusal({}, Create("99", eg))),
                ElementsAre(Pair("champ_activite", "unknown_code")))
        << (eg.has_value() ? "EG imported" : "EG not imported");
  }
}

TEST(OffreModeleTest, ADraftOutsideTheRestrictionsIsRefusedNamingTheModele) {
  const OffreState created = Apply({}, Create());

  v1::OffreContent had = Complete();
  had.set_mode_prise_en_charge("31");  // HAD: in J19, not proposed by the template
  absl::Status status = Refusal(created, Save(had));
  EXPECT_THAT(Violations(status), ElementsAre(Pair("draft.mode_prise_en_charge", "modele_saisie")));
  EXPECT_THAT(Descriptions(status, "draft.mode_prise_en_charge"),
              ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("31"))));

  v1::OffreContent psy = Complete();
  psy.set_activites_operationnelles(0, "229");  // psychiatrie adulte
  psy.add_activites_operationnelles("014");
  status = Refusal(created, Save(psy));
  EXPECT_THAT(Violations(status),
              ElementsAre(Pair("draft.activites_operationnelles[0]", "modele_saisie")));
  EXPECT_THAT(Descriptions(status, "draft.activites_operationnelles[0]"),
              ElementsAre(AllOf(HasSubstr("149/01"), HasSubstr("229"))));

  // Nothing was written: the draft is still the created one.
  EXPECT_EQ(created.draft->mode_prise_en_charge(), "28");
}

TEST(OffreModeleTest, ADraftWithinTheRestrictionsIsSaved) {
  const OffreState created = Apply({}, Create());
  v1::OffreContent hdj = Complete();
  hdj.set_nom("HJ Cardiologie");
  hdj.set_mode_prise_en_charge("29");
  hdj.clear_activites_operationnelles();
  hdj.add_activites_operationnelles("013");
  hdj.add_activites_operationnelles("014");
  const OffreState saved = Apply(created, Save(hdj));
  ASSERT_TRUE(saved.draft.has_value());
  EXPECT_EQ(saved.draft->mode_prise_en_charge(), "29");
  EXPECT_THAT(saved.draft->activites_operationnelles(), ElementsAre("013", "014"));
  EXPECT_EQ(saved.version, 2);
  const OffreState validated = Apply(saved, ValidateDraft{.offre_id = kId, .now = kNow});
  EXPECT_EQ(validated.published->modele_saisie(), "149/01");
  EXPECT_EQ(validated.published->modele_saisie_version(), 2);
}

TEST(OffreModeleTest, ADraftCannotChangeTheModeleItWasCreatedWith) {
  const OffreState created = Apply({}, Create());
  v1::OffreContent draft = Complete();
  draft.set_modele_saisie("020/01");
  draft.set_modele_saisie_version(7);
  const OffreState saved = Apply(created, Save(draft));
  ASSERT_TRUE(saved.draft.has_value());
  EXPECT_EQ(saved.draft->modele_saisie(), "149/01");
  EXPECT_EQ(saved.draft->modele_saisie_version(), 2);
  EXPECT_EQ(saved.draft->mode_prise_en_charge(), "28");

  // Once published, a new draft keeps them too; erasing them changes nothing either.
  const OffreState published = Apply(saved, ValidateDraft{.offre_id = kId, .now = kNow});
  v1::OffreContent cleared = Complete();
  cleared.clear_modele_saisie();
  cleared.clear_modele_saisie_version();
  ASSERT_OK_AND_ASSIGN(std::vector<Event> events, Decide(published, Save(cleared), Codes()));
  EXPECT_THAT(events, IsEmpty()) << "the draft equals what is published";
}

TEST(OffreModeleTest, WithoutAModeleADraftIsHeldToTheNationalListsOnly) {
  // An offre created before templates: the handler finds no template (SaveDraft.modele empty).
  OffreCreated legacy;
  legacy.set_offre_id(kId);
  legacy.set_nom("HC Cardiologie");
  legacy.set_champ_activite("01");
  legacy.set_finess_eg("350000741");
  *legacy.mutable_draft() = Complete();
  const OffreState state = Fold({legacy});
  v1::OffreContent had = Complete();
  had.set_mode_prise_en_charge("31");
  const OffreState saved = Apply(state, Save(had, std::nullopt));
  EXPECT_EQ(saved.draft->mode_prise_en_charge(), "31");
  EXPECT_EQ(saved.draft->modele_saisie(), "");
}

}  // namespace
}  // namespace ror::offre::domain
