#pragma once

// The organisation interne of one EG as a tree, and the chain of parents above one organisation
// (the fil d'Ariane), from organisation states however they were read.

#include <functional>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/offre/domain/organisation.h"

namespace ror::offre::domain {

struct OrganisationNode {
  OrganisationState organisation;
  std::vector<OrganisationNode> children;  // by nom, then id
};

// Nests `organisations` (those of one EG) under their parents; the roots are those directly under
// the EG, siblings ordered by nom then id. An organisation whose parent is not in the list (e.g.
// left out because closed) is left out too, with everything under it.
std::vector<OrganisationNode> BuildTree(const std::vector<OrganisationState>& organisations);

using FindOrganisation = std::function<std::optional<OrganisationState>(absl::string_view id)>;

// `leaf` and its parents, from the one directly under the EG down to `leaf`. DATA_LOSS when a
// parent cannot be found or the chain loops: the store holds what no command can produce.
absl::StatusOr<std::vector<OrganisationState>> Lineage(const OrganisationState& leaf,
                                                       const FindOrganisation& find);

}  // namespace ror::offre::domain
