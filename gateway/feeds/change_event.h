#pragma once

// What the change feeds (Server-Sent Events, webhooks) send for one change of the directory, and
// the filters their consumers choose it by.
//
// A change, as JSON:
//   {"id": "<event id>",            stable: the event that made it, the same after a rebuild
//    "sequence": 42,                its place in this gateway's log (the SSE id)
//    "resourceType": "HealthcareService", "resourceId": "…",
//    "action": "update" | "delete", "occurredAt": "2026-…Z",
//    "resource": {…}}               the FHIR resource as the consumer may see it; absent on delete

#include <optional>
#include <string>

#include "gateway/fhir/change_log.h"
#include "gateway/http/problem.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {

// The filter parameters: "type" (HealthcareService, Organization), "etablissement" (FINESS EG)
// and "region" (INSEE code), each a comma-separated list; lists of one parameter add up.
bool IsFilterParameter(const std::string& name);
// Adds `value` of the filter parameter `name` to `filter`; the violation naming it when a value
// is not valid.
std::optional<http::Violation> AddToFilter(const std::string& name, const std::string& value,
                                           fhir::ChangeFilter& filter);

nlohmann::json ChangeEventJson(const fhir::VisibleChange& change);

}  // namespace ror::gateway::feeds
