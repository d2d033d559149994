#include "services/offre/domain/entite_juridique.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/offre/domain/decider_testing.h"

namespace ror::offre::domain {
namespace {

using ::ror::testing::StatusIs;
using ::testing::IsEmpty;
using testing::kNow;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using testing::Violations;

v1::EntiteJuridiqueFiche BourgEnBresse() {
  v1::EntiteJuridiqueFiche f;
  f.set_finess_ej("010780054");
  f.set_raison_sociale("CH DE BOURG EN BRESSE");
  f.set_raison_sociale_longue("CENTRE HOSPITALIER DE BOURG EN BRESSE");
  f.set_adresse("900 RTE DE PARIS");
  f.set_code_postal("01440");
  f.set_commune("VIRIAT");
  f.set_code_commune("01451");
  f.set_departement("01");
  f.set_telephone("0474454647");
  f.set_statut_juridique("13");
  f.set_libelle_statut_juridique("Etablissement Public Communal d'Hospitalisation");
  f.set_siren("260100045");
  f.set_date_creation("1979-01-01");
  f.set_date_mise_a_jour_finess("2021-01-08");
  return f;
}

ImportEntiteJuridique Import(v1::EntiteJuridiqueFiche fiche) {
  return ImportEntiteJuridique{.fiche = std::move(fiche), .source = "test", .now = kNow};
}

EntiteJuridiqueState Given(const std::vector<EntiteJuridiqueEvent>& events) {
  EntiteJuridiqueState state;
  for (const auto& e : events) state = Evolve(std::move(state), e);
  return state;
}

TEST(EntiteJuridiqueTest, AFirstImportCreatesAndTheSameFicheAgainYieldsNothing) {
  ASSERT_OK_AND_ASSIGN(auto events, Decide(EntiteJuridiqueState{}, Import(BourgEnBresse())));
  ASSERT_EQ(events.size(), 1u);
  const auto& imported = std::get<EntiteJuridiqueImported>(events[0]);
  EXPECT_TRUE(imported.created());
  EXPECT_EQ(imported.source(), "test");

  const EntiteJuridiqueState state = Given(events);
  EXPECT_TRUE(state.exists());
  EXPECT_EQ(state.version, 1);
  EXPECT_EQ(state.created_at, kNow);
  EXPECT_EQ(state.fiche.siren(), "260100045");
  ASSERT_OK_AND_ASSIGN(auto again, Decide(state, Import(BourgEnBresse())));
  EXPECT_THAT(again, IsEmpty());
  // A newer extract that says the same: its date alone is no change.
  v1::EntiteJuridiqueFiche later = BourgEnBresse();
  later.set_date_mise_a_jour_finess("2022-01-03");
  ASSERT_OK_AND_ASSIGN(auto same, Decide(state, Import(later)));
  EXPECT_THAT(same, IsEmpty());
}

TEST(EntiteJuridiqueTest, ANewerChangeUpdatesAndAnOlderOneIsIgnored) {
  const EntiteJuridiqueState state =
      Given(*Decide(EntiteJuridiqueState{}, Import(BourgEnBresse())));
  v1::EntiteJuridiqueFiche older = BourgEnBresse();
  older.set_raison_sociale("CH BOURG");
  older.set_date_mise_a_jour_finess("2020-06-30");
  ASSERT_OK_AND_ASSIGN(auto ignored, Decide(state, Import(older)));
  EXPECT_THAT(ignored, IsEmpty());

  v1::EntiteJuridiqueFiche newer = BourgEnBresse();
  newer.set_statut_juridique("14");
  newer.set_date_mise_a_jour_finess("2022-01-03");
  ASSERT_OK_AND_ASSIGN(auto events, Decide(state, Import(newer)));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(std::get<EntiteJuridiqueImported>(events[0]).created());
  const EntiteJuridiqueState after = Evolve(state, events[0]);
  EXPECT_EQ(after.fiche.statut_juridique(), "14");
  EXPECT_EQ(after.version, 2);
}

TEST(EntiteJuridiqueTest, BlanksAreTrimmedAndCorsicanNumbersUpperCased) {
  v1::EntiteJuridiqueFiche f = BourgEnBresse();
  f.set_finess_ej("2a0000154");
  f.set_raison_sociale("  CH D'AJACCIO ");
  const v1::EntiteJuridiqueFiche normalized = NormalizeEntiteJuridique(f);
  EXPECT_EQ(normalized.finess_ej(), "2A0000154");
  EXPECT_EQ(normalized.raison_sociale(), "CH D'AJACCIO");
}

TEST(EntiteJuridiqueTest, EveryBrokenRuleIsNamed) {
  v1::EntiteJuridiqueFiche f = BourgEnBresse();
  f.set_finess_ej("01078005");
  f.set_raison_sociale("");
  f.set_adresse("900 RTE\nDE PARIS");
  f.set_departement("0\t1");
  f.set_statut_juridique("1");
  f.set_categorie("35");
  f.set_code_postal("1440");
  f.set_siren("26010004");
  f.set_telephone("04 74 45 46 47");
  f.set_date_creation("1979-02-30");
  f.set_date_mise_a_jour_finess("08/01/2021");
  const absl::Status status = ValidateEntiteJuridique(f);
  EXPECT_TRUE(absl::IsInvalidArgument(status));
  EXPECT_THAT(Violations(status),
              UnorderedElementsAre(
                  Pair("fiche.finess_ej", "format"), Pair("fiche.raison_sociale", "required"),
                  Pair("fiche.adresse", "no_control_characters"),
                  Pair("fiche.departement", "no_control_characters"),
                  Pair("fiche.statut_juridique", "format"), Pair("fiche.categorie", "format"),
                  Pair("fiche.code_postal", "format"), Pair("fiche.siren", "format"),
                  Pair("fiche.telephone", "format"), Pair("fiche.date_creation", "date"),
                  Pair("fiche.date_mise_a_jour_finess", "date")));

  v1::EntiteJuridiqueFiche without_statut = BourgEnBresse();
  without_statut.set_statut_juridique("");
  EXPECT_THAT(Violations(ValidateEntiteJuridique(without_statut)),
              UnorderedElementsAre(Pair("fiche.statut_juridique", "required")));
  EXPECT_THAT(Decide(EntiteJuridiqueState{}, Import(without_statut)).status(),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(EntiteJuridiqueTest, AStreamNeverTakesAnotherEntitesFiche) {
  const EntiteJuridiqueState state =
      Given(*Decide(EntiteJuridiqueState{}, Import(BourgEnBresse())));
  v1::EntiteJuridiqueFiche other = BourgEnBresse();
  other.set_finess_ej("350005179");
  EXPECT_THAT(Decide(state, Import(other)).status(),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace ror::offre::domain
