#pragma once

// The organisations of every EG, in memory: what the tree of an EG, the fil d'Ariane and the
// checks that span streams (the parent, the open children) read.
//
// Why in memory rather than a RocksDB projection: organisations are few (tens to a few hundred per
// EG, a few hundred thousand nationally, a few hundred bytes each), every write goes through the
// one handler of this process, and the store's global log already is the durable copy. So the
// index is rebuilt at start by one pass over the log (Rebuild) and kept current by the handler
// after each append (Put). The pass reads the service's other events too (établissements,
// offres); should start-up time come to matter, a checkpointed projection can replace it behind
// the same interface.

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/eventstore/event_store.h"
#include "services/offre/domain/organisation.h"

namespace ror::offre::app {

// Thread-safe.
class OrganisationIndex {
 public:
  // Replays every organisation event of `store`'s global log into an empty index.
  absl::Status Rebuild(eventstore::EventStore& store);

  // Records `state`, unless the index already holds that version of it or a later one (two
  // commands on one organisation may finish in either order).
  void Put(const domain::OrganisationState& state);

  std::optional<domain::OrganisationState> Find(absl::string_view organisation_id) const;

  // The organisations of one EG, closed ones included, in no particular order.
  std::vector<domain::OrganisationState> OfEtablissement(absl::string_view finess_eg) const;

  // The organisations hanging directly on `organisation_id` that are not closed.
  std::vector<domain::OrganisationState> OpenChildrenOf(absl::string_view organisation_id) const;

 private:
  void PutLocked(const domain::OrganisationState& state);

  mutable std::mutex mu_;
  std::map<std::string, domain::OrganisationState, std::less<>> by_id_;
  // EG and parent are fixed at creation, so these only ever grow.
  std::map<std::string, std::set<std::string>, std::less<>> ids_by_eg_;
  std::map<std::string, std::set<std::string>, std::less<>> children_by_parent_;
};

}  // namespace ror::offre::app
