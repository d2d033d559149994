#pragma once

// FHIR search on HealthcareService and Organization (EG) as the search service's criteria: the
// facade asks the search service (its Xapian index, the caller's access applied there) for a page
// of ids, then reads the resources from the directory.
//
// HealthcareService:
//   name, address-city      words of the offre's text (mots clés)
//   service-type            champ d'activité (J20)
//   service-category        type d'offre (J238)
//   characteristic          mode de prise en charge (J19)
//   specialty               activité opérationnelle (J17)
//   address-postalcode      code postal of the établissement
//   _tag                    région (J237)
//   near                    lat|long|distance|unit (km or m), within that distance
//   _lastUpdated            the offre's last change, with a prefix (eq, gt, ge, lt, le, sa, eb);
//                           several add up
//   _id, identifier         the offres themselves (urn:uuid:<id>), read directly (alone: not yet
//                           with other criteria)
//   _include                HealthcareService:organization adds the établissements of the page
// Organization (établissements géographiques):
//   name, address-city      words of the EG's name, address and commune
//   address-postalcode      its code postal
//   identifier              FINESS EG (…|<9 characters>); _id the same, read directly
//   partof                  Organization/<FINESS EJ>: the EGs of that entité juridique
//   _tag                    région (J237)
//   _revinclude             HealthcareService:organization adds the offres of the page's EGs
// Both:
//   _count                  1–200, default 200 (RG_RECH_52); _page the page from 0
// A token may be "system|code" or "code"; a comma means OR.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/rest/request_target.h"
#include "ror/v1/search.pb.h"

namespace ror::gateway::fhir {

struct FhirSearch {
  std::string type;                    // HealthcareService or Organization
  v1::SearchRequest request;           // when ids is empty
  std::vector<std::string> ids;        // _id / identifier: read directly
  bool include_organizations = false;  // HealthcareService: _include
  bool revinclude_services = false;    // Organization: _revinclude
};

// INVALID_ARGUMENT whose field violation names the parameter.
absl::StatusOr<FhirSearch> ParseFhirSearch(const std::string& type, const rest::Params& query);

}  // namespace ror::gateway::fhir
