#include "gateway/fhir/organization.h"

#include "gateway/fhir/fhir_types.h"
#include "libs/common/proto_time.h"

namespace ror::gateway::fhir {

using nlohmann::json;

json OrganizationOfEtablissement(const v1::EtablissementFiche& fiche, const std::string& region,
                                 absl::Time updated_at, const nomenclature::Nomenclatures& codes) {
  json meta = {{"profile", json::array({RorDefinition("ror-organization")})},
               {"lastUpdated", Instant(updated_at)}};
  if (!region.empty()) meta["tag"] = json::array({CodingOf(codes, "J237", region)});
  json identifiers =
      json::array({// The CI-SIS national structure id of a FINESS structure is "1" and its FINESS.
                   {{"use", "official"},
                    {"system", "urn:oid:1.2.250.1.71.4.2.2"},
                    {"value", "1" + fiche.finess_eg()}},
                   {{"system", kFinessSystem}, {"value", fiche.finess_eg()}}});
  if (!fiche.siret().empty()) {
    identifiers.push_back({{"system", kSiretSystem}, {"value", fiche.siret()}});
  }
  json resource = {
      {"resourceType", "Organization"},
      {"id", fiche.finess_eg()},
      {"meta", std::move(meta)},
      {"identifier", std::move(identifiers)},
      {"active", !fiche.ferme()},
      {"name", fiche.raison_sociale_longue().empty() ? fiche.raison_sociale()
                                                     : fiche.raison_sociale_longue()},
  };
  if (!fiche.raison_sociale_longue().empty() && !fiche.raison_sociale().empty() &&
      fiche.raison_sociale() != fiche.raison_sociale_longue()) {
    resource["alias"] = json::array({fiche.raison_sociale()});
  }
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
  json address = {{"use", "work"}, {"type", "physical"}, {"country", "FR"}};
  if (!fiche.adresse().empty()) address["line"] = json::array({fiche.adresse()});
  if (!fiche.commune().empty()) address["city"] = fiche.commune();
  if (!fiche.code_postal().empty()) address["postalCode"] = fiche.code_postal();
  if (!fiche.departement().empty()) address["district"] = fiche.departement();
  resource["address"] = json::array({std::move(address)});
  if (!fiche.finess_ej().empty()) {
    resource["partOf"] = {{"reference", "Organization/" + fiche.finess_ej()}};
  }
  return resource;
}

json OrganizationOfOi(const v1::gateway::DirectoryOrganisation& oi, const std::string& region,
                      const nomenclature::Nomenclatures& codes) {
  json meta = {{"profile", json::array({RorDefinition("ror-organization")})},
               {"lastUpdated", Instant(FromProtoTimestamp(oi.updated_at()))}};
  if (!region.empty()) meta["tag"] = json::array({CodingOf(codes, "J237", region)});
  json resource = {
      {"resourceType", "Organization"},
      {"id", oi.organisation_id()},
      {"meta", std::move(meta)},
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
