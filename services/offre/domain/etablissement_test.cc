#include "services/offre/domain/etablissement.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"

namespace ror::offre::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

v1::EtablissementFiche Fleyriat() {
  v1::EtablissementFiche f;
  f.set_finess_eg("010000024");
  f.set_finess_ej("010780054");
  f.set_raison_sociale("CH DE FLEYRIAT");
  f.set_raison_sociale_longue("CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT");
  f.set_adresse("900 RTE DE PARIS");
  f.set_code_postal("01440");
  f.set_commune("VIRIAT");
  f.set_code_commune("01451");
  f.set_departement("01");
  f.set_telephone("0474454647");
  f.set_categorie("355");
  f.set_libelle_categorie("Centre Hospitalier (C.H.)");
  f.set_siret("26010004500012");
  f.set_date_ouverture("1979-02-13");
  f.set_date_mise_a_jour_finess("2020-02-04");
  f.set_has_coordonnees(true);
  f.set_latitude(46.2227);
  f.set_longitude(5.2086);
  return f;
}

ImportEtablissement Import(v1::EtablissementFiche fiche) {
  return ImportEtablissement{.fiche = std::move(fiche), .source = "test", .now = kNow};
}

EtablissementState Given(const std::vector<EtablissementEvent>& events) {
  EtablissementState state;
  for (const auto& e : events) state = Evolve(std::move(state), e);
  return state;
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) fields.push_back(v.field() + ":" + v.rule());
  }
  return fields;
}

TEST(EtablissementTest, AFirstImportCreatesAndDecidingAgainYieldsNothing) {
  ASSERT_OK_AND_ASSIGN(auto events, Decide(EtablissementState{}, Import(Fleyriat())));
  ASSERT_EQ(events.size(), 1u);
  const auto& imported = std::get<EtablissementImported>(events[0]);
  EXPECT_TRUE(imported.created());
  EXPECT_EQ(imported.fiche().raison_sociale(), "CH DE FLEYRIAT");

  const EtablissementState state = Given(events);
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(state.created_at, kNow);
  ASSERT_OK_AND_ASSIGN(auto again, Decide(state, Import(Fleyriat())));
  EXPECT_THAT(again, IsEmpty());
}

TEST(EtablissementTest, ANewerExtractThatChangesSomethingUpdates) {
  const EtablissementState state = Given(*Decide(EtablissementState{}, Import(Fleyriat())));
  v1::EtablissementFiche newer = Fleyriat();
  newer.set_telephone("0474454600");
  newer.set_date_mise_a_jour_finess("2021-01-08");
  ASSERT_OK_AND_ASSIGN(auto events, Decide(state, Import(newer)));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(std::get<EtablissementImported>(events[0]).created());
  const EtablissementState after = Evolve(state, events[0]);
  EXPECT_EQ(after.fiche.telephone(), "0474454600");
  EXPECT_EQ(after.version, 2);
  ASSERT_OK_AND_ASSIGN(auto again, Decide(after, Import(newer)));
  EXPECT_THAT(again, IsEmpty());
}

TEST(EtablissementTest, AnOlderExtractChangesNothing) {
  v1::EtablissementFiche newer = Fleyriat();
  newer.set_date_mise_a_jour_finess("2021-01-08");
  const EtablissementState state = Given(*Decide(EtablissementState{}, Import(newer)));
  v1::EtablissementFiche older = Fleyriat();
  older.set_telephone("0400000000");
  ASSERT_OK_AND_ASSIGN(auto events, Decide(state, Import(older)));
  EXPECT_THAT(events, IsEmpty());
}

TEST(EtablissementTest, BlanksAndCaseDoNotMakeAChange) {
  const EtablissementState state = Given(*Decide(EtablissementState{}, Import(Fleyriat())));
  v1::EtablissementFiche padded = Fleyriat();
  padded.set_raison_sociale("  CH DE FLEYRIAT ");
  ASSERT_OK_AND_ASSIGN(auto events, Decide(state, Import(padded)));
  EXPECT_THAT(events, IsEmpty());

  v1::EtablissementFiche corse = Fleyriat();
  corse.set_finess_eg("2a0000154");
  ASSERT_OK_AND_ASSIGN(auto created, Decide(EtablissementState{}, Import(corse)));
  EXPECT_EQ(std::get<EtablissementImported>(created[0]).fiche().finess_eg(), "2A0000154");
}

TEST(EtablissementTest, EveryBrokenRuleIsNamed) {
  v1::EtablissementFiche bad;
  bad.set_finess_eg("12345");
  bad.set_code_postal("1440");
  bad.set_siret("2601");
  bad.set_telephone("04 74 45 46 47");
  bad.set_date_ouverture("1979-02-30");
  bad.set_has_coordonnees(true);
  bad.set_latitude(91);
  bad.set_longitude(5);
  const absl::Status status = Decide(EtablissementState{}, Import(bad)).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("fiche.finess_eg:format", "fiche.finess_ej:required",
                          "fiche.raison_sociale:required", "fiche.categorie:required",
                          "fiche.code_postal:format", "fiche.siret:format",
                          "fiche.telephone:format", "fiche.date_ouverture:date",
                          "fiche.latitude:range"));
}

TEST(EtablissementTest, ControlCharactersAndBadCategoriesAreRefused) {
  v1::EtablissementFiche bad = Fleyriat();
  bad.set_adresse("900 RTE\nDE PARIS");
  bad.set_categorie("35-5");
  EXPECT_THAT(ViolatedFields(Decide(EtablissementState{}, Import(bad)).status()),
              ElementsAre("fiche.adresse:no_control_characters", "fiche.categorie:format"));
}

}  // namespace
}  // namespace ror::offre::domain
