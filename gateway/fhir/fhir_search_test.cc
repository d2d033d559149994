#include "gateway/fhir/fhir_search.h"

#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::fhir {
namespace {

TEST(FhirSearchTest, ParametersBecomeTheSearchServicesCriteria) {
  ASSERT_OK_AND_ASSIGN(
      const HealthcareServiceSearch search,
      ParseHealthcareServiceSearch({{"name", "cardiologie"},
                                    {"service-type",
                                     "https://mos.esante.gouv.fr/NOS/TRE_R227-ChampActivite/FHIR/"
                                     "TRE-R227-ChampActivite|01,03"},
                                    {"characteristic", "28"},
                                    {"specialty", "013"},
                                    {"address-postalcode", "35033"},
                                    {"_tag", "53"},
                                    {"near", "48.12|-1.69|15000|m"},
                                    {"_include", "HealthcareService:organization"},
                                    {"_count", "50"},
                                    {"_page", "2"}}));
  const v1::SearchCriteria& c = search.request.criteria();
  EXPECT_EQ(c.texte(), "cardiologie");
  EXPECT_EQ(c.champs_activite_size(), 2);
  EXPECT_EQ(c.champs_activite(0), "01");
  EXPECT_EQ(c.modes_prise_en_charge(0), "28");
  EXPECT_EQ(c.activites_operationnelles(0), "013");
  EXPECT_EQ(c.codes_postaux(0), "35033");
  EXPECT_EQ(c.regions(0), "53");
  EXPECT_DOUBLE_EQ(c.proximite().rayon_km(), 15);
  EXPECT_DOUBLE_EQ(c.proximite().point().latitude(), 48.12);
  EXPECT_EQ(search.request.sort(), v1::SORT_ORDER_DISTANCE);
  EXPECT_EQ(search.request.page_size(), 50);
  EXPECT_EQ(search.request.page(), 2);
  EXPECT_EQ(search.request.type(), v1::RESULT_TYPE_OFFRE);
  EXPECT_TRUE(search.include_organizations);
}

TEST(FhirSearchTest, IdentifiersAreReadDirectly) {
  ASSERT_OK_AND_ASSIGN(const HealthcareServiceSearch search,
                       ParseHealthcareServiceSearch(
                           {{"identifier", "urn:ietf:rfc:3986|urn:uuid:o1"}, {"_id", "o2,o3"}}));
  EXPECT_EQ(search.ids, (std::vector<std::string>{"o1", "o2", "o3"}));
}

TEST(FhirSearchTest, ABadParameterIsNamed) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"near", "48.1|-1.6"},
                                                        {"near", "48.1|-1.6|10|mi"},
                                                        {"near", "148.1|-1.6|10|km"},
                                                        {"_count", "500"},
                                                        {"_include", "Location:organization"},
                                                        {"_lastUpdated", "ge2026-01-01"},
                                                        {"_page", "100000"}}) {
    const absl::StatusOr<HealthcareServiceSearch> search =
        ParseHealthcareServiceSearch({{name, value}});
    ASSERT_FALSE(search.ok()) << name << "=" << value;
    EXPECT_EQ(GetBadRequest(search.status())->field_violations(0).field(), name);
  }
}

}  // namespace
}  // namespace ror::gateway::fhir
