#pragma once

// Small pieces of FHIR R4 JSON the resources share: codings from the national lists, the ANS ROR
// guide's canonical URLs, instants.

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::fhir {

// The ANS ROR implementation guide (profiles and extensions).
inline constexpr char kRorCanonical[] = "https://interop.esante.gouv.fr/ig/fhir/ror";

// "<kRorCanonical>/StructureDefinition/<id>".
std::string RorDefinition(absl::string_view id);

// {system, code, display} of `code` in the national list `list_id` ("J19"); the code alone when
// the list, or the code in it, is unknown here (never an invented system).
nlohmann::json CodingOf(const nomenclature::Nomenclatures& codes, absl::string_view list_id,
                        const std::string& code);
// A CodeableConcept of one such coding.
nlohmann::json ConceptOf(const nomenclature::Nomenclatures& codes, absl::string_view list_id,
                         const std::string& code);

// An instant as FHIR writes it (RFC 3339, UTC, seconds with their fraction when there is one).
std::string Instant(absl::Time time);

}  // namespace ror::gateway::fhir
