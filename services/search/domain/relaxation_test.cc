#include "services/search/domain/relaxation.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ror::search::domain {
namespace {

std::vector<std::string> AllSteps(v1::SearchCriteria criteria) {
  std::vector<std::string> steps;
  while (auto next = RelaxOnce(criteria)) {
    steps.push_back(next->description);
    criteria = next->criteria;
    if (steps.size() > 50) break;
  }
  return steps;
}

TEST(RelaxationTest, LeastTellingCriteriaGoFirstAndPlacesWidenStepByStep) {
  v1::SearchCriteria c;
  c.mutable_age()->set_valeur(8);
  c.mutable_age()->set_unite("ans");
  c.add_actes_specifiques("x");
  c.add_communes("01053");
  c.add_activites_operationnelles("y");
  const std::vector<std::string> steps = AllSteps(c);
  EXPECT_EQ(steps, (std::vector<std::string>{
                       "Critère « Âge » retiré",
                       "Critère « Actes spécifiques » retiré",
                       "Offres fermées temporairement incluses",
                       "Commune élargie à son département",
                       "Département élargi à sa région",
                       "Critère « Activité opérationnelle » retiré",
                   }));
}

TEST(RelaxationTest, CommuneBecomesItsDepartementThenItsRegion) {
  v1::SearchCriteria c;
  c.set_inclure_fermees(true);
  c.add_communes("01053");
  c.add_codes_postaux("97400");
  auto step = RelaxOnce(c);
  ASSERT_TRUE(step.has_value());
  EXPECT_TRUE(step->criteria.communes().empty());
  EXPECT_EQ(std::vector<std::string>(step->criteria.departements().begin(),
                                     step->criteria.departements().end()),
            (std::vector<std::string>{"01", "974"}));
  step = RelaxOnce(step->criteria);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(
      std::vector<std::string>(step->criteria.regions().begin(), step->criteria.regions().end()),
      (std::vector<std::string>{"84", "04"}));
}

TEST(RelaxationTest, TheRadiusDoublesUpToTheMaximum) {
  v1::SearchCriteria c;
  c.set_inclure_fermees(true);
  c.mutable_proximite()->set_rayon_km(300);
  auto step = RelaxOnce(c);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->description, "Rayon porté de 300 à 600 km");
  EXPECT_FALSE(RelaxOnce(step->criteria).has_value());
}

TEST(RelaxationTest, DepartementsOfCommunesAndPostalCodes) {
  EXPECT_EQ(DepartementOfCommune("2A004"), "2A");
  EXPECT_EQ(DepartementOfCommune("97411"), "974");
  EXPECT_EQ(DepartementsOfCodePostal("20000"), (std::vector<std::string>{"2A", "2B"}));
  EXPECT_EQ(DepartementsOfCodePostal("45000"), std::vector<std::string>{"45"});
  EXPECT_TRUE(DepartementsOfCodePostal("4500").empty());
}

}  // namespace
}  // namespace ror::search::domain
