#pragma once

// The directory's log of changes as one caller may see them: what _history pages through and
// what the change feeds (Server-Sent Events, webhooks) follow. A change the caller may not see
// is not his to know of and is skipped; one gone for good is a deletion for those who could see
// it. Filters keep a type, a set of établissements or of régions.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/fhir/resources.h"
#include "libs/authz/principal.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::fhir {

struct ChangeFilter {
  std::set<std::string> types;      // resource types; empty: every type
  std::set<std::string> finess_eg;  // the établissements concerned; empty: every one
  std::set<std::string> regions;    // INSEE région codes; empty: every région
  std::optional<absl::Time> since;  // changes at or after
};

struct VisibleChange {
  uint64_t sequence = 0;  // its place in this gateway's log
  std::string event_id;   // the event that made it: stable across rebuilds of the log
  std::string resource_type;
  std::string id;
  absl::Time at;
  bool gone = false;        // deleted: closed for good
  nlohmann::json resource;  // as the caller sees it now; null when gone
};

struct ChangePage {
  std::vector<VisibleChange> changes;
  uint64_t last = 0;  // the last sequence read: where the next page starts
  bool more = false;  // stopped at `limit` or at `max_scanned` with more to read
};

// The changes after `after` that `caller` may see and `filter` keeps, at most `limit`, reading at
// most `max_scanned` entries of the log.
absl::StatusOr<ChangePage> VisibleChangesAfter(const Resources& resources,
                                               const authz::Principal& caller,
                                               const ChangeFilter& filter, uint64_t after,
                                               size_t limit, size_t max_scanned);

}  // namespace ror::gateway::fhir
