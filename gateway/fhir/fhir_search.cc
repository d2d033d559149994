#include "gateway/fhir/fhir_search.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/directory/directory.h"
#include "gateway/fhir/fhir_dates.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/finess/finess_number.h"

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

absl::StatusOr<FhirSearch> ParseFhirSearch(const std::string& type, const rest::Params& query) {
  const bool offres = type == directory::kHealthcareService;
  FhirSearch search;
  search.type = type;
  search.request.set_page_size(200);  // RG_RECH_52
  v1::SearchCriteria& criteria = *search.request.mutable_criteria();
  std::vector<std::string> words;
  bool query_has_id = false;
  Period last_updated;
  for (const auto& [name, value] : query) {
    if (name == "name" || name == "address-city") {
      words.push_back(value);
    } else if (name == "address-postalcode") {
      for (std::string& code : Codes(value)) criteria.add_codes_postaux(std::move(code));
    } else if (name == "_tag") {
      for (std::string& code : Codes(value)) criteria.add_regions(std::move(code));
    } else if (name == "_id") {
      query_has_id = true;
      for (std::string& id : Codes(value)) search.ids.push_back(std::move(id));
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
    } else if (offres && name == "service-type") {
      for (std::string& code : Codes(value)) criteria.add_champs_activite(std::move(code));
    } else if (offres && name == "service-category") {
      for (std::string& code : Codes(value)) criteria.add_types_offre(std::move(code));
    } else if (offres && name == "characteristic") {
      for (std::string& code : Codes(value)) criteria.add_modes_prise_en_charge(std::move(code));
    } else if (offres && name == "specialty") {
      for (std::string& code : Codes(value))
        criteria.add_activites_operationnelles(std::move(code));
    } else if (offres && name == "near") {
      RETURN_IF_ERROR(Near(value, *criteria.mutable_proximite()));
    } else if (name == "_lastUpdated") {
      // Several add up: ge2026-01-01&lt2026-02-01 is January.
      absl::StatusOr<Period> period = ParseDateParameter(value);
      if (!period.ok()) return Bad(name, "format", std::string(period.status().message()));
      Narrow(last_updated, *period);
    } else if (offres && name == "identifier") {
      for (std::string& id : Codes(value)) {
        search.ids.emplace_back(absl::StripPrefix(id, "urn:uuid:"));
      }
    } else if (offres && name == "_include") {
      if (value != "HealthcareService:organization") {
        return Bad("_include", "not_supported",
                   "seul HealthcareService:organization est pris en charge");
      }
      search.include_organizations = true;
    } else if (!offres && name == "identifier") {
      // FINESS numbers, whatever the system (EG: the Organization's id).
      for (std::string& id : Codes(value)) search.ids.push_back(std::move(id));
    } else if (!offres && name == "partof") {
      for (std::string& id : Codes(value)) {
        const std::string finess_ej(absl::StripPrefix(id, "Organization/"));
        if (const std::string error = finess::FinessNumberError(finess_ej); !error.empty()) {
          return Bad(name, "format", "Organization/<FINESS de l'EJ> : " + error);
        }
        criteria.add_finess_ej(finess_ej);
      }
    } else if (!offres && name == "_revinclude") {
      if (value != "HealthcareService:organization") {
        return Bad("_revinclude", "not_supported",
                   "seul HealthcareService:organization est pris en charge");
      }
      search.revinclude_services = true;
    } else {
      return Bad(name, "not_supported",
                 absl::StrCat("paramètre de recherche non pris en charge sur ", type));
    }
  }
  criteria.set_texte(absl::StrJoin(words, " "));
  if (last_updated.from.has_value() && last_updated.until.has_value() &&
      *last_updated.from >= *last_updated.until) {
    return Bad("_lastUpdated", "range", "les bornes ne laissent aucun instant");
  }
  if (last_updated.from.has_value()) {
    *criteria.mutable_mis_a_jour()->mutable_depuis() = ToProtoTimestamp(*last_updated.from);
  }
  if (last_updated.until.has_value()) {
    *criteria.mutable_mis_a_jour()->mutable_jusqua() = ToProtoTimestamp(*last_updated.until);
  }
  // Ids are read directly: criteria beside them would be silently dropped.
  if (!search.ids.empty() && criteria.ByteSizeLong() > 0) {
    return Bad(query_has_id ? "_id" : "identifier", "combination",
               "ne se combine pas encore avec d'autres critères");
  }
  search.request.set_type(offres ? v1::RESULT_TYPE_OFFRE : v1::RESULT_TYPE_ETABLISSEMENT);
  // The facade reads the resources from its own directory: the ids suffice.
  search.request.set_ids_only(true);
  if (criteria.has_proximite()) search.request.set_sort(v1::SORT_ORDER_DISTANCE);
  return search;
}

}  // namespace ror::gateway::fhir
