#include "services/offre/domain/quality_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::offre::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

OffreState Published(std::string nom, std::vector<std::string> activites, bool sensible = false,
                     absl::Time updated = kNow) {
  OffreState state;
  state.offre_id = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
  v1::OffreContent content;
  content.set_nom(std::move(nom));
  content.set_unite_sensible(sensible);
  for (auto& a : activites) content.add_activites_operationnelles(std::move(a));
  state.published = content;
  state.updated_at = updated;
  return state;
}


std::vector<std::string> RulesOf(const std::vector<Anomaly>& anomalies) {
  std::vector<std::string> rules;
  for (const Anomaly& a : anomalies) rules.push_back(a.rule);
  return rules;
}

TEST(QualityRulesTest, AConformingOffreHasNoAnomaly) {
  EXPECT_THAT(QualityAnomalies(Published("HC Cardiologie", {"013"}), kNow), IsEmpty());
  EXPECT_THAT(QualityAnomalies(Published("Urgences adultes", {"157"}), kNow), IsEmpty());
  EXPECT_THAT(QualityAnomalies(Published("Unité sanitaire", {"089"}, true), kNow), IsEmpty());
}

TEST(QualityRulesTest, RE12AnOffreNotUpdatedForAYear) {
  const OffreState stale =
      Published("HC Cardiologie", {"013"}, false, kNow - kAnnualUpdate - absl::Hours(1));
  EXPECT_THAT(RulesOf(QualityAnomalies(stale, kNow)), ElementsAre("RE1.2"));
  EXPECT_THAT(QualityAnomalies(stale, kNow)[0].description, ::testing::HasSubstr("12 mois"));
  const OffreState recent = Published("HC Cardiologie", {"013"}, false, kNow - absl::Hours(24));
  EXPECT_THAT(QualityAnomalies(recent, kNow), IsEmpty());
}

TEST(QualityRulesTest, CO1UrgencesNameAndActivityGoTogether) {
  EXPECT_THAT(RulesOf(QualityAnomalies(Published("SAU - Urgence pédiatrique", {"013"}), kNow)),
              ElementsAre("CO1"));
  EXPECT_THAT(RulesOf(QualityAnomalies(Published("Accueil adultes", {"249"}), kNow)),
              ElementsAre("CO1"));
}

TEST(QualityRulesTest, CO3PenitentiaryMedicineMustBeSensitive) {
  EXPECT_THAT(RulesOf(QualityAnomalies(Published("Unité sanitaire", {"089"}), kNow)),
              ElementsAre("CO3"));
}

TEST(QualityRulesTest, AnOffreClosedForGoodIsNoLongerChecked) {
  OffreState closed =
      Published("SAU - Urgence pédiatrique", {"013"}, false, kNow - 2 * kAnnualUpdate);
  closed.closure = Closure{.definitive = true, .reopening_date = ""};
  EXPECT_THAT(QualityAnomalies(closed, kNow), IsEmpty());
}

}  // namespace
}  // namespace ror::offre::domain
