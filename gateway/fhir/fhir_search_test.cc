#include "gateway/fhir/fhir_search.h"

#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::fhir {
namespace {

TEST(FhirSearchTest, ParametersBecomeTheSearchServicesCriteria) {
  ASSERT_OK_AND_ASSIGN(
      const FhirSearch search,
      ParseFhirSearch("HealthcareService",
                      {{"name", "cardiologie"},
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
  ASSERT_OK_AND_ASSIGN(
      const FhirSearch search,
      ParseFhirSearch("HealthcareService",
                      {{"identifier", "urn:ietf:rfc:3986|urn:uuid:o1"}, {"_id", "o2,o3"}}));
  EXPECT_EQ(search.ids, (std::vector<std::string>{"o1", "o2", "o3"}));
}

TEST(FhirSearchTest, LastUpdatedPrefixesAddUpToAPeriod) {
  const auto period = [](std::vector<std::string> values) {
    rest::Params query;
    for (std::string& value : values) query.emplace_back("_lastUpdated", std::move(value));
    absl::StatusOr<FhirSearch> search = ParseFhirSearch("HealthcareService", query);
    EXPECT_TRUE(search.ok()) << search.status();
    const v1::Periode& p = search->request.criteria().mis_a_jour();
    return std::pair{p.has_depuis() ? absl::FormatTime("%Y-%m-%dT%H:%M:%E*S",
                                                       absl::FromUnixSeconds(p.depuis().seconds()) +
                                                           absl::Nanoseconds(p.depuis().nanos()),
                                                       absl::UTCTimeZone())
                                    : "",
                     p.has_jusqua() ? absl::FormatTime("%Y-%m-%dT%H:%M:%E*S",
                                                       absl::FromUnixSeconds(p.jusqua().seconds()) +
                                                           absl::Nanoseconds(p.jusqua().nanos()),
                                                       absl::UTCTimeZone())
                                    : ""};
  };
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(period({"2026-12-01"}), (P{"2026-12-01T00:00:00", "2026-12-02T00:00:00"}));
  EXPECT_EQ(period({"gt2026-12"}), (P{"2027-01-01T00:00:00", ""}));
  EXPECT_EQ(period({"ge2026"}), (P{"2026-01-01T00:00:00", ""}));
  EXPECT_EQ(period({"lt2026-12-01T10:00:00+01:00"}), (P{"", "2026-12-01T09:00:00"}));
  EXPECT_EQ(period({"le2026-12-01T10:00Z"}), (P{"", "2026-12-01T10:01:00"}));
  EXPECT_EQ(period({"sa2026-12-01T10:00:00.5Z"}), (P{"2026-12-01T10:00:00.6", ""}));
  EXPECT_EQ(period({"2026-12-01T10:00:00.123456789Z"}),
            (P{"2026-12-01T10:00:00.123456789", "2026-12-01T10:00:00.123457789"}));
  EXPECT_EQ(period({"ge2026-01-01", "lt2026-02-01", "ge2026-01-15"}),
            (P{"2026-01-15T00:00:00", "2026-02-01T00:00:00"}));
  const absl::StatusOr<FhirSearch> empty = ParseFhirSearch(
      "HealthcareService", {{"_lastUpdated", "ge2026-02"}, {"_lastUpdated", "lt2026-02"}});
  EXPECT_EQ(GetBadRequest(empty.status())->field_violations(0).field(), "_lastUpdated");
}

TEST(FhirSearchTest, ABadParameterIsNamed) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"near", "48.1|-1.6"},
                                                        {"near", "48.1|-1.6|10|mi"},
                                                        {"near", "148.1|-1.6|10|km"},
                                                        {"_count", "500"},
                                                        {"_include", "Location:organization"},
                                                        {"_lastUpdated", "ne2026-01-01"},
                                                        {"_lastUpdated", "ge2026-13-01"},
                                                        {"_lastUpdated", "hier"},
                                                        {"_page", "100000"}}) {
    const absl::StatusOr<FhirSearch> search = ParseFhirSearch("HealthcareService", {{name, value}});
    ASSERT_FALSE(search.ok()) << name << "=" << value;
    EXPECT_EQ(GetBadRequest(search.status())->field_violations(0).field(), name);
  }
}

TEST(FhirSearchTest, OrganizationParametersSearchTheEtablissements) {
  ASSERT_OK_AND_ASSIGN(
      const FhirSearch search,
      ParseFhirSearch("Organization", {{"name", "pontchaillou"},
                                       {"address-postalcode", "35033"},
                                       {"partof", "Organization/350005179"},
                                       {"_tag", "53"},
                                       {"_revinclude", "HealthcareService:organization"}}));
  EXPECT_EQ(search.request.type(), v1::RESULT_TYPE_ETABLISSEMENT);
  const v1::SearchCriteria& c = search.request.criteria();
  EXPECT_EQ(c.texte(), "pontchaillou");
  EXPECT_EQ(c.codes_postaux(0), "35033");
  EXPECT_EQ(c.finess_ej(0), "350005179");
  EXPECT_EQ(c.regions(0), "53");
  EXPECT_TRUE(search.revinclude_services);
  ASSERT_OK_AND_ASSIGN(
      const FhirSearch by_finess,
      ParseFhirSearch("Organization", {{"identifier", "http://finess.sante.gouv.fr|350000741"}}));
  EXPECT_EQ(by_finess.ids, std::vector<std::string>{"350000741"});
  // What only an offre has is not an établissement's parameter.
  const absl::StatusOr<FhirSearch> bad_partof =
      ParseFhirSearch("Organization", {{"partof", "https://x/Organization/35"}});
  EXPECT_EQ(GetBadRequest(bad_partof.status())->field_violations(0).field(), "partof");
  for (const char* name : {"service-type", "near", "_include", "_lastUpdated"}) {
    const absl::StatusOr<FhirSearch> refused = ParseFhirSearch("Organization", {{name, "01"}});
    ASSERT_FALSE(refused.ok()) << name;
    EXPECT_EQ(GetBadRequest(refused.status())->field_violations(0).field(), name);
  }
}

}  // namespace
}  // namespace ror::gateway::fhir
