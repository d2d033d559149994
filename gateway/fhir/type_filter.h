#pragma once

// $export's _typeFilter (FHIR Bulk Data): "HealthcareService?service-type=01&_tag=53" keeps the
// offres every criterion of the query keeps; several queries of one type keep what any of them
// keeps; a type without one keeps everything. Evaluated on the directory's records while the
// export reads them, so they are the criteria a record answers by itself:
//   HealthcareService  service-type (J20), service-category (J238), characteristic (J19),
//                      specialty (J17), organization (Organization/<FINESS EG>), _tag (région),
//                      _lastUpdated
//   Organization       identifier and _id (FINESS EJ or EG, an OI's id), partof
//                      (Organization/<FINESS EJ>), address-postalcode, _tag (région),
//                      _lastUpdated
// Values are lists ("01,03": either); a code may be "system|code".

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/fhir/fhir_dates.h"
#include "ror/v1/gateway_directory.pb.h"

namespace ror::gateway::fhir {

struct TypeFilter {
  std::string type;
  std::map<std::string, std::set<std::string>> codes;  // parameter → the codes it accepts
  Period last_updated;
};

// The queries of every _typeFilter value, in order. INVALID_ARGUMENT saying which query and
// parameter is wrong.
absl::StatusOr<std::vector<TypeFilter>> ParseTypeFilters(const std::vector<std::string>& values);

// Whether `filters` (of every type) keep the record; `eg` is the offre's établissement, if known.
bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryOffre& offre,
           const v1::gateway::DirectoryEtablissement* eg);
bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryEtablissement& eg);
// An organisation interne: its id, its parent (partof) and _lastUpdated; a filter on what only an
// EG has (address-postalcode, _tag) leaves it out.
bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryOrganisation& oi);
// An entité juridique: part of nothing, so a filter on partof leaves it out.
bool Keeps(const std::vector<TypeFilter>& filters, const v1::gateway::DirectoryEntiteJuridique& ej);

// Whether a filter of `type` needs the region of the record (the offre's EG must be read).
bool NeedsRegion(const std::vector<TypeFilter>& filters, const std::string& type);

}  // namespace ror::gateway::fhir
