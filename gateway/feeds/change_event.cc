#include "gateway/feeds/change_event.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/directory/directory.h"
#include "gateway/fhir/fhir_types.h"
#include "libs/authz/access_regions.h"
#include "libs/finess/finess_number.h"

namespace ror::gateway::feeds {

bool IsFilterParameter(const std::string& name) {
  return name == "type" || name == "etablissement" || name == "region";
}

std::optional<http::Violation> AddToFilter(const std::string& name, const std::string& value,
                                           fhir::ChangeFilter& filter) {
  for (absl::string_view item : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
    const std::string one(absl::StripAsciiWhitespace(item));
    if (name == "type") {
      if (one != directory::kHealthcareService && one != directory::kOrganization) {
        return http::Violation{
            .field = name,
            .rule = "enum",
            .message = absl::StrCat("« ", one, " » : HealthcareService ou Organization")};
      }
      filter.types.insert(one);
    } else if (name == "etablissement") {
      if (const std::string error = finess::FinessNumberError(one); !error.empty()) {
        return http::Violation{.field = name, .rule = "format", .message = error};
      }
      filter.finess_eg.insert(one);
    } else if (name == "region") {
      if (!authz::IsRegion(one)) {
        return http::Violation{
            .field = name,
            .rule = "format",
            .message = absl::StrCat("« ", one, " » n'est pas un code INSEE de région")};
      }
      filter.regions.insert(one);
    } else {
      return http::Violation{.field = name, .rule = "unknown", .message = "paramètre inconnu"};
    }
  }
  return std::nullopt;
}

nlohmann::json ChangeEventJson(const fhir::VisibleChange& change) {
  nlohmann::json event = {{"id", change.event_id},
                          {"sequence", change.sequence},
                          {"resourceType", change.resource_type},
                          {"resourceId", change.id},
                          {"action", change.gone ? "delete" : "update"},
                          {"occurredAt", fhir::Instant(change.at)}};
  if (!change.gone) event["resource"] = change.resource;
  return event;
}

}  // namespace ror::gateway::feeds
