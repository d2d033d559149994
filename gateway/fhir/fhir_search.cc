#include "gateway/fhir/fhir_search.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::fhir {
namespace {

absl::Status Bad(const std::string& parameter, const std::string& rule, const std::string& why) {
  FieldViolations violations;
  violations.Add(parameter, rule, why);
  return violations.ToStatus();
}

// The codes of a token parameter: "a,b", each "system|code" or "code".
std::vector<std::string> Codes(const std::string& value) {
  std::vector<std::string> codes;
  for (absl::string_view token : absl::StrSplit(value, ',', absl::SkipEmpty())) {
    const size_t bar = token.find('|');
    codes.emplace_back(bar == absl::string_view::npos ? token : token.substr(bar + 1));
  }
  return codes;
}

absl::Status Near(const std::string& value, v1::Proximity& proximity) {
  const std::vector<std::string> parts = absl::StrSplit(value, '|');
  double latitude = 0, longitude = 0, distance = 0;
  if (parts.size() < 3 || !absl::SimpleAtod(parts[0], &latitude) ||
      !absl::SimpleAtod(parts[1], &longitude) || !absl::SimpleAtod(parts[2], &distance) ||
      latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180 || distance <= 0) {
    return Bad("near", "format", "latitude|longitude|distance|unité attendu (ex. 46.2|5.22|20|km)");
  }
  const std::string unit = parts.size() > 3 ? parts[3] : "km";
  if (unit == "m") {
    distance /= 1000;
  } else if (unit != "km") {
    return Bad("near", "unit", "unité km ou m");
  }
  proximity.mutable_point()->set_latitude(latitude);
  proximity.mutable_point()->set_longitude(longitude);
  proximity.set_rayon_km(distance);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<HealthcareServiceSearch> ParseHealthcareServiceSearch(const rest::Params& query) {
  HealthcareServiceSearch search;
  search.request.set_page_size(200);  // RG_RECH_52
  v1::SearchCriteria& criteria = *search.request.mutable_criteria();
  std::vector<std::string> words;
  bool query_has_id = false;
  for (const auto& [name, value] : query) {
    if (name == "name" || name == "address-city") {
      words.push_back(value);
    } else if (name == "service-type") {
      for (std::string& code : Codes(value)) criteria.add_champs_activite(std::move(code));
    } else if (name == "service-category") {
      for (std::string& code : Codes(value)) criteria.add_types_offre(std::move(code));
    } else if (name == "characteristic") {
      for (std::string& code : Codes(value)) criteria.add_modes_prise_en_charge(std::move(code));
    } else if (name == "specialty") {
      for (std::string& code : Codes(value))
        criteria.add_activites_operationnelles(std::move(code));
    } else if (name == "address-postalcode") {
      for (std::string& code : Codes(value)) criteria.add_codes_postaux(std::move(code));
    } else if (name == "_tag") {
      for (std::string& code : Codes(value)) criteria.add_regions(std::move(code));
    } else if (name == "near") {
      RETURN_IF_ERROR(Near(value, *criteria.mutable_proximite()));
    } else if (name == "_id") {
      query_has_id = true;
      for (std::string& id : Codes(value)) search.ids.push_back(std::move(id));
    } else if (name == "identifier") {
      for (std::string& id : Codes(value)) {
        search.ids.emplace_back(absl::StripPrefix(id, "urn:uuid:"));
      }
    } else if (name == "_include") {
      if (value != "HealthcareService:organization") {
        return Bad("_include", "not_supported",
                   "seul HealthcareService:organization est pris en charge");
      }
      search.include_organizations = true;
    } else if (name == "_count") {
      int count = 0;
      if (!absl::SimpleAtoi(value, &count) || count < 1 || count > 200) {
        return Bad("_count", "range", "entre 1 et 200");
      }
      search.request.set_page_size(count);
    } else if (name == "_page") {
      int page = 0;
      if (!absl::SimpleAtoi(value, &page) || page < 0 || page > 10000) {
        return Bad("_page", "range", "entre 0 et 10 000");
      }
      search.request.set_page(page);
    } else {
      return Bad(name, "not_supported", "paramètre de recherche non pris en charge");
    }
  }
  criteria.set_texte(absl::StrJoin(words, " "));
  // Ids are read directly: criteria beside them would be silently dropped.
  if (!search.ids.empty() && criteria.ByteSizeLong() > 0) {
    return Bad(query_has_id ? "_id" : "identifier", "combination",
               "ne se combine pas encore avec d'autres critères");
  }
  search.request.set_type(v1::RESULT_TYPE_OFFRE);
  if (criteria.has_proximite()) search.request.set_sort(v1::SORT_ORDER_DISTANCE);
  return search;
}

}  // namespace ror::gateway::fhir
