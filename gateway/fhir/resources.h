#pragma once

// The FHIR resources of the gateway's directory as one caller may see them: what read, _history
// and $export all answer with.

#include <string>

#include "absl/status/statusor.h"
#include "gateway/directory/directory.h"
#include "libs/authz/principal.h"
#include "libs/nomenclature/nomenclatures.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::fhir {

class Resources {
 public:
  Resources(directory::Directory& directory, const nomenclature::Nomenclatures& codes)
      : directory_(directory), codes_(codes) {}

  // The resource `type`/`id` now; null when absent or not visible to `caller`; `gone` when it
  // was closed for good and `caller` could see it.
  absl::StatusOr<nlohmann::json> Current(const authz::Principal& caller, const std::string& type,
                                         const std::string& id, bool& gone) const;
  // One offre's HealthcareService for `caller`; null when not published, gone or not visible.
  absl::StatusOr<nlohmann::json> OfOffre(const authz::Principal& caller,
                                         const v1::gateway::DirectoryOffre& offre) const;
  nlohmann::json OfEtablissement(const v1::gateway::DirectoryEtablissement& eg) const;
  nlohmann::json OfEntiteJuridique(const v1::gateway::DirectoryEntiteJuridique& ej) const;
  absl::StatusOr<nlohmann::json> OfOrganisation(const v1::gateway::DirectoryOrganisation& oi) const;

  directory::Directory& directory() const { return directory_; }

 private:
  directory::Directory& directory_;
  const nomenclature::Nomenclatures& codes_;
};

}  // namespace ror::gateway::fhir
