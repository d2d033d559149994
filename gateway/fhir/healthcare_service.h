#pragma once

// An offre as the ANS ROR guide's HealthcareService (profile ror-healthcareservice), as one viewer
// may see it: an unité sensible not at all when the access function says so, contacts, their
// people and their telecoms only at the confidentiality levels the viewer's profile reaches.

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "libs/authz/access_policy.h"
#include "libs/nomenclature/nomenclatures.h"
#include "nlohmann/json.hpp"
#include "ror/v1/offre_content.pb.h"

namespace ror::gateway::fhir {

// What the directory knows of a published offre.
struct OffreRecord {
  std::string offre_id;
  v1::OffreContent content;  // the published version
  std::string provided_by;   // the Organization's id: the EG's FINESS or the OI's id
  std::string region;        // J237 code of the EG's région; empty when unknown
  absl::Time created_at;
  absl::Time updated_at;
  bool closed = false;         // temporarily or for good
  absl::Time closed_at;        // when closed
  std::string reopening_date;  // "YYYY-MM-DD" when announced
};

// nullopt when `viewer` may not see the offre at all.
std::optional<nlohmann::json> HealthcareServiceOf(const OffreRecord& offre,
                                                  const authz::Viewer& viewer,
                                                  const nomenclature::Nomenclatures& codes);

}  // namespace ror::gateway::fhir
