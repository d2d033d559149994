#include "services/offre/domain/offre.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"

namespace ror::offre::domain {
namespace {

// J20 is complete in the built-in set.
const nomenclature::Nomenclatures& Codes() { return testing::BuiltInCodes(); }

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using testing::kId;
using testing::kNow;

CreateOffre Create(std::string nom = "HC Cardiologie", std::string champ = "01",
                   std::string finess = "350000741") {
  return CreateOffre{.offre_id = kId,
                     .nom = std::move(nom),
                     .champ_activite = std::move(champ),
                     .finess_eg = std::move(finess),
                     .now = kNow,
                     .modele_saisie = "TEST/01",
                     .modele = testing::OpenModele()};
}

// Given `history`, when `command` is decided: the events, checked by the idempotent re-run.
std::vector<Event> When(const std::vector<Event>& history, const Command& command) {
  return testing::Decided(Fold(history), command);
}

// The (field, rule) pairs of an INVALID_ARGUMENT from Decide on the empty state.
std::vector<std::pair<std::string, std::string>> Violations(const CreateOffre& command) {
  absl::StatusOr<std::vector<Event>> events = Decide(OffreState{}, command, Codes());
  EXPECT_THAT(events, StatusIs(absl::StatusCode::kInvalidArgument));
  return testing::Violations(events.status());
}

TEST(OffreDecideTest, GivenNothingWhenCreateThenOffreCreated) {
  std::vector<Event> events = When({}, Create());
  ASSERT_EQ(events.size(), 1u);
  const auto& created = std::get<OffreCreated>(events[0]);
  EXPECT_EQ(created.offre_id(), kId);
  EXPECT_EQ(created.nom(), "HC Cardiologie");
  EXPECT_EQ(created.champ_activite(), "01");
  EXPECT_EQ(created.finess_eg(), "350000741");
  EXPECT_EQ(created.created_at().seconds(), 1'790'000'000);

  const OffreState state = Fold(events);
  EXPECT_TRUE(state.exists());
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(state.created_at, kNow);
  EXPECT_EQ(state.updated_at, kNow);
}

TEST(OffreDecideTest, GivenCreatedWhenSameCreateThenNothing) {
  std::vector<Event> history = When({}, Create());
  EXPECT_THAT(When(history, Create()), IsEmpty());
}

TEST(OffreDecideTest, GivenCreatedWhenCreateWithOtherValuesThenFailedPrecondition) {
  std::vector<Event> history = When({}, Create());
  EXPECT_THAT(Decide(Fold(history), Create("HJ Pédiatrie"), Codes()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("existe déjà")));
}

TEST(OffreDecideTest, RecordsTrimmedValuesAndUpperCaseCorsicaCodes) {
  std::vector<Event> events = When({}, Create("  HC Cardiologie ", " 01", "2a0000123 "));
  const auto& created = std::get<OffreCreated>(events[0]);
  EXPECT_EQ(created.nom(), "HC Cardiologie");
  EXPECT_EQ(created.champ_activite(), "01");
  EXPECT_EQ(created.finess_eg(), "2A0000123");
}

TEST(OffreDecideTest, AcceptsEveryJ20Code) {
  for (const char* code : {"01", "02", "03", "04", "05", "06"}) {
    EXPECT_EQ(When({}, Create("Offre", code)).size(), 1u) << code;
  }
}

TEST(OffreDecideTest, NomIsRequiredAndAtMost255Characters) {
  EXPECT_THAT(Violations(Create("")), ElementsAre(std::pair("nom", "required")));
  EXPECT_THAT(Violations(Create("   ")), ElementsAre(std::pair("nom", "required")));
  EXPECT_THAT(Violations(Create(std::string(256, 'a'))),
              ElementsAre(std::pair("nom", "max_length")));
  EXPECT_THAT(Violations(Create("HC\nCardiologie")),
              ElementsAre(std::pair("nom", "no_control_characters")));
  // 255 accented letters are 510 bytes but 255 characters: accepted.
  std::string accented;
  for (int i = 0; i < 255; ++i) accented += "é";
  EXPECT_EQ(When({}, Create(accented)).size(), 1u);
  EXPECT_THAT(Violations(Create(accented + "é")), ElementsAre(std::pair("nom", "max_length")));
}

TEST(OffreDecideTest, ChampActiviteMustBeAJ20Code) {
  EXPECT_THAT(Violations(Create("HC", "")), ElementsAre(std::pair("champ_activite", "required")));
  for (const char* bad : {"07", "1", "001", "MCO", "00"}) {
    EXPECT_THAT(Violations(Create("HC", bad)),
                ElementsAre(std::pair("champ_activite", "unknown_code")))
        << bad;
  }
}

TEST(OffreDecideTest, FinessEgIsNineDigitsOrCorsica) {
  EXPECT_THAT(Violations(Create("HC", "01", "")), ElementsAre(std::pair("finess_eg", "required")));
  for (const char* bad : {"35000517", "3500007410", "35000517X", "2C0000123", "A20000123",
                          "35 005179", "３50005179"}) {
    EXPECT_THAT(Violations(Create("HC", "01", bad)), ElementsAre(std::pair("finess_eg", "format")))
        << bad;
  }
  for (const char* good : {"350000741", "2A0000123", "2B0000456", "010000024"}) {
    EXPECT_EQ(When({}, Create("HC", "01", good)).size(), 1u) << good;
  }
}

TEST(OffreDecideTest, ReportsEveryBrokenFieldAtOnceInFrench) {
  absl::StatusOr<std::vector<Event>> events =
      Decide(OffreState{}, Create("", "99", "123"), Codes());
  EXPECT_THAT(events, StatusIs(absl::StatusCode::kInvalidArgument,
                               HasSubstr("le nom de l'offre est obligatoire")));
  auto bad = GetBadRequest(events.status());
  ASSERT_TRUE(bad.has_value());
  ASSERT_EQ(bad->field_violations_size(), 3);
  EXPECT_EQ(bad->field_violations(0).field(), "nom");
  EXPECT_THAT(bad->field_violations(1).description(),
              HasSubstr("code 99 inconnu dans la nomenclature J20"));
  EXPECT_THAT(bad->field_violations(2).description(), HasSubstr("9 caractères"));
}

TEST(OffreDecideTest, TheOffreIdMustBeAUuid) {
  CreateOffre command = Create();
  command.offre_id = "42";
  EXPECT_THAT(Violations(command), ElementsAre(std::pair("offre_id", "format")));
}

TEST(Utf8LengthTest, CountsCodePoints) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("Médecine"), 8u);
  EXPECT_EQ(Utf8Length("€"), 1u);
}

}  // namespace
}  // namespace ror::offre::domain
