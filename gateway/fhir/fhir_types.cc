#include "gateway/fhir/fhir_types.h"

#include "absl/strings/str_cat.h"

namespace ror::gateway::fhir {

std::string RorDefinition(absl::string_view id) {
  return absl::StrCat(kRorCanonical, "/StructureDefinition/", id);
}

nlohmann::json CodingOf(const nomenclature::Nomenclatures& codes, absl::string_view list_id,
                        const std::string& code) {
  const nomenclature::CodeList* list = codes.Find(list_id);
  const nomenclature::CodeEntry* entry = list == nullptr ? nullptr : list->Find(code);
  if (entry == nullptr) return {{"code", code}};
  return {{"system", entry->system}, {"code", entry->code}, {"display", entry->label}};
}

nlohmann::json ConceptOf(const nomenclature::Nomenclatures& codes, absl::string_view list_id,
                         const std::string& code) {
  return {{"coding", nlohmann::json::array({CodingOf(codes, list_id, code)})}};
}

std::string Instant(absl::Time time) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", time, absl::UTCTimeZone());
}

}  // namespace ror::gateway::fhir
