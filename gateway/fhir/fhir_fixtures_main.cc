// Prints the FHIR resources of the test fixtures (fhir_fixtures.h), one JSON per line, as each
// access profile sees them: tests/fhir validates them against base FHIR R4 with the npm `fhir`
// package.
#include <cstdio>

#include "absl/time/time.h"
#include "gateway/fhir/fhir_fixtures.h"
#include "gateway/fhir/organization.h"

int main() {
  using namespace ror::gateway::fhir;
  const auto print = [](const nlohmann::json& resource) {
    std::printf("%s\n", resource.dump().c_str());
  };
  for (int profile = 0; profile <= 5; ++profile) {
    OffreRecord offre = testing::Cardiologie();
    if (profile == 3) {  // and a closed one
      offre.closed = true;
      offre.closed_at = absl::FromUnixSeconds(1'790'000'000);
      offre.reopening_date = "2026-10-01";
    }
    if (auto r = HealthcareServiceOf(offre, {.profile = profile}, testing::Codes())) print(*r);
  }
  print(OrganizationOfEtablissement(testing::Pontchaillou(), "53",
                                    absl::FromUnixSeconds(1'790'000'000), testing::Codes()));
  print(OrganizationOfEntiteJuridique(testing::ChuRennes(), "53",
                                      absl::FromUnixSeconds(1'790'000'000), testing::Codes()));
  ror::v1::gateway::DirectoryOrganisation oi;
  oi.set_organisation_id("01a23387-0000-7000-8000-00000000001a");
  oi.set_type("2");
  oi.set_nom("Service de cardiologie");
  oi.set_finess_eg("350000741");
  oi.set_boite_lettre_mss("cardiologie@chu-rennes.mssante.fr");
  oi.mutable_updated_at()->set_seconds(1'790'000'000);
  print(OrganizationOfOi(oi, "53", testing::Codes()));
  return 0;
}
