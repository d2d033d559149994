// The ANS ROR guide's required elements and bindings (reference §2.2 and §2.4), checked on our
// own fixtures, and the access function applied to what a viewer gets.
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "gateway/fhir/fhir_fixtures.h"
#include "gateway/fhir/fhir_types.h"
#include "gateway/fhir/healthcare_service.h"
#include "gateway/fhir/organization.h"
#include "gtest/gtest.h"

namespace ror::gateway::fhir {
namespace {

using testing::Cardiologie;
using testing::ChuRennes;
using testing::Codes;
using testing::Pontchaillou;

using nlohmann::json;

// The extension of `resource` with this url; null when absent.
json Extension(const json& resource, const std::string& url) {
  for (const json& e : resource.value("extension", json::array())) {
    if (e["url"] == url) return e;
  }
  return nullptr;
}

TEST(HealthcareServiceTest, EveryElementTheProfileRequiresIsThereWithItsBinding) {
  const std::optional<json> r = HealthcareServiceOf(Cardiologie(), {.profile = 1}, Codes());
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ((*r)["resourceType"], "HealthcareService");
  EXPECT_EQ((*r)["meta"]["profile"][0], RorDefinition("ror-healthcareservice"));
  EXPECT_EQ((*r)["meta"]["lastUpdated"], "2026-09-22T14:13:20Z");
  ASSERT_EQ((*r)["identifier"].size(), 1u);
  EXPECT_EQ((*r)["identifier"][0]["value"], "urn:uuid:01a23387-3ec1-717f-878e-ad3eb70b66cc");
  EXPECT_EQ((*r)["name"], "HC Cardiologie");
  EXPECT_EQ((*r)["providedBy"]["reference"], "Organization/350000741");
  // type: champ d'activité (J20, TRE_R227).
  const json& type = (*r)["type"][0]["coding"][0];
  EXPECT_EQ(type["code"], "01");
  EXPECT_NE(type["system"].get<std::string>().find("TRE_R227"), std::string::npos);
  // category (J238), characteristic[careMode] (J19), specialty[operationalActivity] (J17).
  EXPECT_EQ((*r)["category"][0]["coding"][0]["code"], "149");
  EXPECT_EQ((*r)["characteristic"][0]["coding"][0]["code"], "28");
  EXPECT_NE((*r)["characteristic"][0]["coding"][0]["system"].get<std::string>().find("TRE_R213"),
            std::string::npos);
  EXPECT_EQ((*r)["specialty"][0]["coding"][0]["code"], "013");
  EXPECT_TRUE((*r)["specialty"][0]["coding"][0].contains("system"));
  // The three required extensions.
  EXPECT_EQ(Extension(*r, RorDefinition("ror-healthcareservice-sensitive-unit"))["valueBoolean"],
            false);
  EXPECT_EQ(Extension(*r, RorDefinition("ror-meta-creation-date"))["valueDate"], "2026-09-21");
  const json patient = Extension(*r, RorDefinition("ror-healthcareservice-patient-type"));
  ASSERT_FALSE(patient.is_null());
  const json& range = patient["extension"].back()["valueRange"];
  EXPECT_EQ(range["low"]["value"], 18);
  EXPECT_EQ(range["low"]["code"], "a");
  EXPECT_EQ(range["high"]["value"], 150);  // no upper bound
}

TEST(HealthcareServiceTest, ContactsAndTelecomsFollowTheViewersProfile) {
  const auto contact_of = [](const authz::Viewer& viewer) {
    const std::optional<json> r = HealthcareServiceOf(Cardiologie(), viewer, Codes());
    return Extension(*r, RorDefinition("ror-healthcareservice-contact"));
  };
  // Open data: a restricted contact is not there at all.
  EXPECT_TRUE(contact_of(authz::kOpenData).is_null());
  // Profile 2: the contact and its public telecom, not the très restreint one.
  const json two = contact_of({.profile = 2});
  ASSERT_FALSE(two.is_null());
  int telecoms = 0;
  for (const json& part : two["extension"]) {
    if (part["url"] == RorDefinition("ror-healthcareservice-contact-telecom")) {
      ++telecoms;
      EXPECT_EQ(part["valueContactPoint"]["value"], "0299284321");
      EXPECT_EQ(part["valueContactPoint"]["system"], "phone");
    }
  }
  EXPECT_EQ(telecoms, 1);
  // Profile 1 sees both.
  int all = 0;
  const json one = contact_of({.profile = 1});
  for (const json& part : one["extension"]) {
    all += part["url"] == RorDefinition("ror-healthcareservice-contact-telecom");
  }
  EXPECT_EQ(all, 2);
}

TEST(HealthcareServiceTest, AnUniteSensibleExistsOnlyForThoseWhoSeeThem) {
  OffreRecord sensible = Cardiologie();
  sensible.content.set_unite_sensible(true);
  EXPECT_FALSE(HealthcareServiceOf(sensible, authz::kOpenData, Codes()).has_value());
  EXPECT_FALSE(HealthcareServiceOf(sensible, {.profile = 1}, Codes()).has_value());
  const std::optional<json> seen =
      HealthcareServiceOf(sensible, {.profile = 1, .sees_unites_sensibles = true}, Codes());
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(Extension(*seen, RorDefinition("ror-healthcareservice-sensitive-unit"))["valueBoolean"],
            true);
}

TEST(HealthcareServiceTest, AClosedOffreSaysSinceWhenAndUntilWhen) {
  OffreRecord closed = Cardiologie();
  closed.closed = true;
  closed.closed_at = absl::FromUnixSeconds(1'790'000'000);
  closed.reopening_date = "2026-10-01";
  const json r = *HealthcareServiceOf(closed, authz::kOpenData, Codes());
  EXPECT_EQ(r["notAvailable"][0]["id"], "closingReopeningDate");
  EXPECT_EQ(r["notAvailable"][0]["during"]["end"], "2026-10-01");
}

TEST(OrganizationTest, AnEtablissementCarriesItsIdentifiersCategoryAndEj) {
  const v1::EtablissementFiche fiche = Pontchaillou();
  const json r =
      OrganizationOfEtablissement(fiche, "53", absl::FromUnixSeconds(1'790'000'000), Codes());
  EXPECT_EQ(r["resourceType"], "Organization");
  EXPECT_EQ(r["id"], "350000741");
  EXPECT_EQ(r["meta"]["profile"][0], RorDefinition("ror-organization"));
  EXPECT_EQ(r["identifier"][0]["value"], "1350000741");
  EXPECT_EQ(r["identifier"][1]["system"], kFinessSystem);
  EXPECT_EQ(r["identifier"][2]["value"], "26350579400012");
  EXPECT_EQ(r["name"], "CHRU DE RENNES - SITE PONTCHAILLOU");
  EXPECT_EQ(r["alias"][0], "CHRU RENNES PONTCHAILLOU");
  EXPECT_EQ(r["type"][0]["coding"][0]["code"], "101");
  EXPECT_TRUE(r["type"][0]["coding"][0].contains("system"));
  EXPECT_EQ(r["partOf"]["reference"], "Organization/350005179");
  EXPECT_EQ(r["address"][0]["postalCode"], "35033");
  EXPECT_EQ(r["active"], true);
}

TEST(OrganizationTest, AnEntiteJuridiqueCarriesItsIdentifiersAndStatutJuridique) {
  const json r = OrganizationOfEntiteJuridique(ChuRennes(), "53",
                                               absl::FromUnixSeconds(1'790'000'000), Codes());
  EXPECT_EQ(r["resourceType"], "Organization");
  EXPECT_EQ(r["id"], "350005179");
  EXPECT_EQ(r["meta"]["profile"][0], RorDefinition("ror-organization"));
  EXPECT_EQ(r["meta"]["lastUpdated"], "2026-09-21T14:13:20Z");
  EXPECT_EQ(r["meta"]["tag"][0]["code"], "53");
  ASSERT_EQ(r["identifier"].size(), 3u);
  EXPECT_EQ(r["identifier"][0]["value"], "1350005179");
  EXPECT_EQ(r["identifier"][1]["system"], kFinessSystem);
  EXPECT_EQ(r["identifier"][1]["value"], "350005179");
  EXPECT_EQ(r["identifier"][2]["system"], kSiretSystem);
  EXPECT_EQ(r["identifier"][2]["value"], "263505794");
  EXPECT_EQ(r["identifier"][2]["type"]["coding"][0]["code"], "2");  // SIREN (TRE_G07)
  EXPECT_EQ(r["name"], "CENTRE HOSPITALIER UNIVERSITAIRE DE RENNES");
  EXPECT_EQ(r["alias"][0], "CHU RENNES");
  const json& statut = r["type"][0]["coding"][0];
  EXPECT_EQ(statut["code"], "13");
  EXPECT_EQ(statut["display"], "Etablissement Public Communal d'Hospitalisation");
  EXPECT_TRUE(absl::StrContains(statut["system"].get<std::string>(), "TRE_R72"));
  EXPECT_EQ(r["telecom"][0]["value"], "0299284321");
  EXPECT_EQ(r["address"][0]["city"], "RENNES CEDEX 9");
  EXPECT_EQ(r["address"][0]["district"], "35");
  EXPECT_EQ(r["active"], true);
  EXPECT_FALSE(r.contains("partOf"));  // the top of its tree

  v1::EntiteJuridiqueFiche bare = ChuRennes();
  bare.clear_siren();
  bare.clear_raison_sociale_longue();
  bare.clear_libelle_statut_juridique();
  const json minimal =
      OrganizationOfEntiteJuridique(bare, "", absl::FromUnixSeconds(1'790'000'000), Codes());
  EXPECT_EQ(minimal["identifier"].size(), 2u);
  EXPECT_EQ(minimal["name"], "CHU RENNES");
  EXPECT_FALSE(minimal.contains("alias"));
  EXPECT_FALSE(minimal["meta"].contains("tag"));
  EXPECT_FALSE(minimal["type"][0]["coding"][0].contains("display"));
}

}  // namespace
}  // namespace ror::gateway::fhir
