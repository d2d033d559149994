#include "gateway/fhir/change_log.h"

#include <algorithm>

#include "libs/authz/access_regions.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::fhir {
namespace {

// Whether the établissement and région filters keep a change of the entité juridique
// `finess_ej`: the followers of one of its EGs see it, as do those of its région.
absl::StatusOr<bool> EntiteJuridiqueKept(const Resources& resources, const ChangeFilter& filter,
                                         const std::string& finess_ej) {
  if (!filter.finess_eg.empty()) {
    bool one_of_its_egs = false;
    for (const std::string& finess_eg : filter.finess_eg) {
      ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEtablissement> eg,
                       resources.directory().Etablissement(finess_eg));
      one_of_its_egs = eg.has_value() && eg->fiche().finess_ej() == finess_ej;
      if (one_of_its_egs) break;
    }
    if (!one_of_its_egs) return false;
  }
  if (filter.regions.empty()) return true;
  ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEntiteJuridique> ej,
                   resources.directory().EntiteJuridique(finess_ej));
  return ej.has_value() &&
         filter.regions.contains(authz::RegionOfDepartement(ej->fiche().departement()));
}

// Whether the établissement and région filters keep a change of `finess_eg`.
absl::StatusOr<bool> PlaceKept(const Resources& resources, const ChangeFilter& filter,
                               const std::string& finess_eg) {
  if (!filter.finess_eg.empty() && !filter.finess_eg.contains(finess_eg)) return false;
  if (filter.regions.empty()) return true;
  ASSIGN_OR_RETURN(std::optional<v1::gateway::DirectoryEtablissement> eg,
                   resources.directory().Etablissement(finess_eg));
  return eg.has_value() &&
         filter.regions.contains(authz::RegionOfDepartement(eg->fiche().departement()));
}

}  // namespace

absl::StatusOr<ChangePage> VisibleChangesAfter(const Resources& resources,
                                               const authz::Principal& caller,
                                               const ChangeFilter& filter, uint64_t after,
                                               size_t limit, size_t max_scanned) {
  ChangePage page{.changes = {}, .last = after, .more = false};
  size_t scanned = 0;
  while (!page.more) {
    // No more rows than the page may still read: a look for one change reads a few.
    const size_t batch = std::min<size_t>({1000, max_scanned - scanned, limit + 16});
    ASSIGN_OR_RETURN(std::vector<directory::Directory::Change> changes,
                     resources.directory().ChangesAfter(page.last, batch));
    if (changes.empty()) break;
    for (directory::Directory::Change& c : changes) {
      if (page.changes.size() == limit || scanned == max_scanned) {
        page.more = true;
        break;
      }
      ++scanned;
      page.last = c.sequence;
      const v1::gateway::DirectoryChange& change = c.change;
      if (!filter.types.empty() && !filter.types.contains(change.resource_type())) continue;
      const absl::Time at = FromProtoTimestamp(change.at());
      if (filter.since.has_value() && at < *filter.since) continue;
      // A move concerns both établissements: the followers of the old one see the offre leave.
      bool kept = false;
      if (!change.finess_ej().empty()) {
        ASSIGN_OR_RETURN(kept, EntiteJuridiqueKept(resources, filter, change.finess_ej()));
      } else {
        ASSIGN_OR_RETURN(kept, PlaceKept(resources, filter, change.finess_eg()));
      }
      if (!kept && !change.previous_finess_eg().empty()) {
        ASSIGN_OR_RETURN(kept, PlaceKept(resources, filter, change.previous_finess_eg()));
      }
      if (!kept) continue;
      VisibleChange visible{.sequence = c.sequence,
                            .event_id = change.event_id(),
                            .resource_type = change.resource_type(),
                            .id = change.id(),
                            .at = at,
                            .gone = false,
                            .resource = nullptr};
      ASSIGN_OR_RETURN(visible.resource,
                       resources.Current(caller, visible.resource_type, visible.id, visible.gone));
      if (visible.resource.is_null() && !visible.gone) continue;
      page.changes.push_back(std::move(visible));
    }
  }
  return page;
}

}  // namespace ror::gateway::fhir
