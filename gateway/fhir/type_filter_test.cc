#include "gateway/fhir/type_filter.h"

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::fhir {
namespace {

v1::gateway::DirectoryOffre Offre(const std::string& champ, const std::string& activite,
                                  int64_t updated_at) {
  v1::gateway::DirectoryOffre offre;
  offre.set_finess_eg("350000741");
  offre.mutable_content()->set_champ_activite(champ);
  offre.mutable_content()->add_activites_operationnelles(activite);
  offre.mutable_updated_at()->set_seconds(updated_at);
  return offre;
}

v1::gateway::DirectoryEtablissement Eg(const std::string& finess, const std::string& departement) {
  v1::gateway::DirectoryEtablissement eg;
  eg.mutable_fiche()->set_finess_eg(finess);
  eg.mutable_fiche()->set_finess_ej("350005179");
  eg.mutable_fiche()->set_departement(departement);
  eg.mutable_fiche()->set_code_postal("35033");
  return eg;
}

TEST(TypeFilterTest, CriteriaOfAQueryAddUpAndQueriesOfATypeAreAlternatives) {
  ASSERT_OK_AND_ASSIGN(const std::vector<TypeFilter> filters,
                       ParseTypeFilters({"HealthcareService?service-type=01,03&specialty=013,"
                                         "HealthcareService?_lastUpdated=ge2026-01-01"}));
  ASSERT_EQ(filters.size(), 2u);
  const int64_t before = 1'760'000'000;  // 2025
  const int64_t after = 1'790'000'000;   // 2026
  EXPECT_TRUE(Keeps(filters, Offre("03", "013", before), nullptr));
  EXPECT_FALSE(Keeps(filters, Offre("03", "088", before), nullptr));
  EXPECT_TRUE(Keeps(filters, Offre("02", "088", after), nullptr));  // the second query
  EXPECT_FALSE(Keeps(filters, Offre("02", "013", before), nullptr));
  // No query of Organization: every établissement.
  EXPECT_TRUE(Keeps(filters, Eg("350000741", "35")));
}

TEST(TypeFilterTest, OrganizationsByRegionPartOfAndPostalCode) {
  ASSERT_OK_AND_ASSIGN(const std::vector<TypeFilter> by_region,
                       ParseTypeFilters({"Organization?_tag=53&partof=Organization/350005179"}));
  EXPECT_TRUE(Keeps(by_region, Eg("350000741", "35")));
  EXPECT_FALSE(Keeps(by_region, Eg("010000024", "01")));
  EXPECT_TRUE(NeedsRegion(by_region, "Organization"));
  EXPECT_FALSE(NeedsRegion(by_region, "HealthcareService"));
  ASSERT_OK_AND_ASSIGN(const std::vector<TypeFilter> offres_in_53,
                       ParseTypeFilters({"HealthcareService?_tag=53"}));
  const v1::gateway::DirectoryEtablissement rennes = Eg("350000741", "35");
  const v1::gateway::DirectoryEtablissement bourg = Eg("010000024", "01");
  EXPECT_TRUE(Keeps(offres_in_53, Offre("01", "013", 0), &rennes));
  EXPECT_FALSE(Keeps(offres_in_53, Offre("01", "013", 0), &bourg));
}

TEST(TypeFilterTest, WhatIsNotAQueryOfAnExportedTypeIsRefusedSayingWhy) {
  EXPECT_THAT(ParseTypeFilters({"Patient?name=x"}).status().message(),
              ::testing::HasSubstr("Patient?name=x"));
  EXPECT_THAT(ParseTypeFilters({"HealthcareService?service-type=01,Location?name=x"})
                  .status()
                  .message(),
              ::testing::HasSubstr("Location?name=x"));
  EXPECT_THAT(ParseTypeFilters({"HealthcareService?near=1|2|3"}).status().message(),
              ::testing::HasSubstr("near"));
  EXPECT_THAT(ParseTypeFilters({"Organization?_lastUpdated=hier"}).status().message(),
              ::testing::HasSubstr("_lastUpdated"));
}

}  // namespace
}  // namespace ror::gateway::fhir
