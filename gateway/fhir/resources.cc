#include "gateway/fhir/resources.h"

#include "gateway/fhir/healthcare_service.h"
#include "gateway/fhir/organization.h"
#include "libs/authz/access_regions.h"
#include "libs/authz/access_viewer.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::fhir {

using nlohmann::json;

absl::StatusOr<json> Resources::OfOffre(const authz::Principal& caller,
                                        const v1::gateway::DirectoryOffre& offre) const {
  if (!offre.published() || offre.closed_for_good()) return json(nullptr);
  ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEtablissement> eg,
                   directory_.Etablissement(offre.finess_eg()));
  const std::string region =
      eg.has_value() ? authz::RegionOfDepartement(eg->fiche().departement()) : "";
  const authz::Viewer viewer =
      authz::ViewerFor(caller, {.finess_eg = offre.finess_eg(),
                                .finess_ej = eg.has_value() ? eg->fiche().finess_ej() : "",
                                .region = region});
  const OffreRecord record{
      .offre_id = offre.offre_id(),
      .content = offre.content(),
      .provided_by = offre.organisation_id().empty() ? offre.finess_eg() : offre.organisation_id(),
      .region = region,
      .created_at = FromProtoTimestamp(offre.created_at()),
      .updated_at = FromProtoTimestamp(offre.updated_at()),
      .closed = offre.closed(),
      .closed_at = FromProtoTimestamp(offre.closed_at()),
      .reopening_date = offre.reopening_date(),
  };
  std::optional<json> resource = HealthcareServiceOf(record, viewer, codes_);
  return resource.has_value() ? *std::move(resource) : json(nullptr);
}

json Resources::OfEtablissement(const v1::gateway::DirectoryEtablissement& eg) const {
  return OrganizationOfEtablissement(eg.fiche(),
                                     authz::RegionOfDepartement(eg.fiche().departement()),
                                     FromProtoTimestamp(eg.updated_at()), codes_);
}

json Resources::OfEntiteJuridique(const v1::gateway::DirectoryEntiteJuridique& ej) const {
  return OrganizationOfEntiteJuridique(ej.fiche(),
                                       authz::RegionOfDepartement(ej.fiche().departement()),
                                       FromProtoTimestamp(ej.updated_at()), codes_);
}

absl::StatusOr<json> Resources::OfOrganisation(const v1::gateway::DirectoryOrganisation& oi) const {
  ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEtablissement> eg,
                   directory_.Etablissement(oi.finess_eg()));
  return OrganizationOfOi(
      oi, eg.has_value() ? authz::RegionOfDepartement(eg->fiche().departement()) : "", codes_);
}

absl::StatusOr<json> Resources::Current(const authz::Principal& caller, const std::string& type,
                                        const std::string& id, bool& gone) const {
  gone = false;
  if (type == directory::kHealthcareService) {
    ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryOffre> offre, directory_.Offre(id));
    if (!offre.has_value()) return json(nullptr);
    if (offre->published() && offre->closed_for_good()) {
      // Gone for those who could see it; for the others it never was.
      v1::gateway::DirectoryOffre open = *offre;
      open.set_closed_for_good(false);
      ASSIGN_OR_RETURN(const json visible, OfOffre(caller, open));
      gone = !visible.is_null();
      return json(nullptr);
    }
    return OfOffre(caller, *offre);
  }
  if (type == directory::kOrganization) {
    ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEtablissement> eg,
                     directory_.Etablissement(id));
    if (eg.has_value()) return OfEtablissement(*eg);
    // FINESS gives EJs and EGs numbers from one sequence: an id is one or the other.
    ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEntiteJuridique> ej,
                     directory_.EntiteJuridique(id));
    if (ej.has_value()) return OfEntiteJuridique(*ej);
    ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryOrganisation> oi,
                     directory_.Organisation(id));
    if (oi.has_value()) return OfOrganisation(*oi);
    return json(nullptr);
  }
  return json(nullptr);
}

}  // namespace ror::gateway::fhir
