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
  return 0;
}
