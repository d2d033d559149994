#include "gateway/fhir/organization.h"

#include "gateway/fhir/fhir_types.h"
#include "libs/common/proto_time.h"

namespace ror::gateway::fhir {

using nlohmann::json;

namespace {

// FINESS's statut juridique, which the ROR's list J199 binds. The list is not among the national
// lists read here, so the label is FINESS's own, given with the code.
constexpr char kStatutJuridiqueSystem[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R72-FinessStatutJuridique/FHIR/"
    "TRE-R72-FinessStatutJuridique";
// The kinds of structure identifiers (TRE_G07): 2 is the SIREN, which shares its system with
// the SIRET.
constexpr char kIdentifierTypeSystem[] =
    "https://mos.esante.gouv.fr/NOS/TRE_G07-TypeIdentifiantStructure/FHIR/"
    "TRE-G07-TypeIdentifiantStructure";

json MetaOf(const std::string& region, absl::Time updated_at,
            const nomenclature::Nomenclatures& codes) {
  json meta = {{"profile", json::array({RorDefinition("ror-organization")})},
               {"lastUpdated", Instant(updated_at)}};
  if (!region.empty()) meta["tag"] = json::array({CodingOf(codes, "J237", region)});
  return meta;
}

// The CI-SIS national structure id of a FINESS structure is "1" and its FINESS.
json NationalIdOf(const std::string& finess) {
  return {{"use", "official"}, {"system", "urn:oid:1.2.250.1.71.4.2.2"}, {"value", "1" + finess}};
}

// The name is the long raison sociale when there is one; the short one is then an alias.
void NameFrom(const std::string& raison_sociale, const std::string& raison_sociale_longue,
              json& resource) {
  resource["name"] = raison_sociale_longue.empty() ? raison_sociale : raison_sociale_longue;
  if (!raison_sociale_longue.empty() && !raison_sociale.empty() &&
      raison_sociale != raison_sociale_longue) {
    resource["alias"] = json::array({raison_sociale});
  }
}

json AddressOf(const std::string& adresse, const std::string& commune,
               const std::string& code_postal, const std::string& departement) {
  json address = {{"use", "work"}, {"type", "physical"}, {"country", "FR"}};
  if (!adresse.empty()) address["line"] = json::array({adresse});
  if (!commune.empty()) address["city"] = commune;
  if (!code_postal.empty()) address["postalCode"] = code_postal;
  if (!departement.empty()) address["district"] = departement;
  return json::array({std::move(address)});
}

}  // namespace

json OrganizationOfEntiteJuridique(const v1::EntiteJuridiqueFiche& fiche, const std::string& region,
                                   absl::Time updated_at,
                                   const nomenclature::Nomenclatures& codes) {
  json identifiers = json::array(
      {NationalIdOf(fiche.finess_ej()), {{"system", kFinessSystem}, {"value", fiche.finess_ej()}}});
  if (!fiche.siren().empty()) {
    identifiers.push_back(
        {{"type", {{"coding", json::array({{{"system", kIdentifierTypeSystem}, {"code", "2"}}})}}},
         {"system", kSiretSystem},
         {"value", fiche.siren()}});
  }
  json resource = {
      {"resourceType", "Organization"},
      {"id", fiche.finess_ej()},
      {"meta", MetaOf(region, updated_at, codes)},
      {"identifier", std::move(identifiers)},
      // The FINESS extract lists the entités juridiques in activity.
      {"active", true},
  };
  if (!fiche.statut_juridique().empty()) {
    json coding = {{"system", kStatutJuridiqueSystem}, {"code", fiche.statut_juridique()}};
    if (!fiche.libelle_statut_juridique().empty()) {
      coding["display"] = fiche.libelle_statut_juridique();
    }
    resource["type"] = json::array({{{"coding", json::array({std::move(coding)})}}});
  }
  NameFrom(fiche.raison_sociale(), fiche.raison_sociale_longue(), resource);
  if (!fiche.telephone().empty()) {
    resource["telecom"] =
        json::array({{{"system", "phone"}, {"value", fiche.telephone()}, {"use", "work"}}});
  }
  resource["address"] =
      AddressOf(fiche.adresse(), fiche.commune(), fiche.code_postal(), fiche.departement());
  return resource;
}

json OrganizationOfEtablissement(const v1::EtablissementFiche& fiche, const std::string& region,
                                 absl::Time updated_at, const nomenclature::Nomenclatures& codes) {
  json identifiers = json::array(
      {NationalIdOf(fiche.finess_eg()), {{"system", kFinessSystem}, {"value", fiche.finess_eg()}}});
  if (!fiche.siret().empty()) {
    identifiers.push_back({{"system", kSiretSystem}, {"value", fiche.siret()}});
  }
  json resource = {
      {"resourceType", "Organization"},
      {"id", fiche.finess_eg()},
      {"meta", MetaOf(region, updated_at, codes)},
      {"identifier", std::move(identifiers)},
      {"active", !fiche.ferme()},
  };
  NameFrom(fiche.raison_sociale(), fiche.raison_sociale_longue(), resource);
  if (!fiche.categorie().empty()) {
    resource["type"] = json::array({ConceptOf(codes, "J55", fiche.categorie())});
  }
  json telecoms = json::array();
  if (!fiche.telephone().empty()) {
    telecoms.push_back({{"system", "phone"}, {"value", fiche.telephone()}, {"use", "work"}});
  }
  if (!fiche.telecopie().empty()) {
    telecoms.push_back({{"system", "fax"}, {"value", fiche.telecopie()}, {"use", "work"}});
  }
  if (!telecoms.empty()) resource["telecom"] = std::move(telecoms);
  resource["address"] =
      AddressOf(fiche.adresse(), fiche.commune(), fiche.code_postal(), fiche.departement());
  if (!fiche.finess_ej().empty()) {
    resource["partOf"] = {{"reference", "Organization/" + fiche.finess_ej()}};
  }
  return resource;
}

json OrganizationOfOi(const v1::gateway::DirectoryOrganisation& oi, const std::string& region,
                      const nomenclature::Nomenclatures& codes) {
  json resource = {
      {"resourceType", "Organization"},
      {"id", oi.organisation_id()},
      {"meta", MetaOf(region, FromProtoTimestamp(oi.updated_at()), codes)},
      {"identifier", json::array({{{"system", kOiSystem}, {"value", oi.organisation_id()}}})},
      {"active", !oi.closed()},
      {"type", json::array({ConceptOf(codes, "J203", oi.type())})},
      {"name", oi.nom()},
      {"partOf",
       {{"reference",
         "Organization/" + (oi.parent_id().empty() ? oi.finess_eg() : oi.parent_id())}}},
  };
  if (!oi.boite_lettre_mss().empty()) {
    resource["telecom"] =
        json::array({{{"system", "email"}, {"value", oi.boite_lettre_mss()}, {"use", "work"}}});
  }
  return resource;
}

}  // namespace ror::gateway::fhir
