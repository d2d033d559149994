#pragma once

// Checks that request fields hold codes of the right national list, as field violations a person
// can act on (French, naming the field, the code and the list):
//   FieldViolations v;
//   RETURN_IF_ERROR(Validate(nomenclatures, "J20", "champ_activite", c.champ_activite, v));
//   RETURN_IF_ERROR(ValidateRepeated(nomenclatures, "J17", "activites_operationnelles",
//                                    c.activites_operationnelles, v, DeprecatedCodes::kRefuse));
//   RETURN_IF_ERROR(v.ToStatus());
//
// Rules (FieldViolation.rule):
//   required         the code is empty (call Validate only for fields that must be filled)
//   unknown_code     the list has no such code
//   ambiguous_code   the list has the code in several CodeSystems: the caller must give the system
//                    (ValidateCoding); never guessed
//   deprecated_code  the code is deprecated and the caller refuses deprecated codes
//   duplicate_code   ValidateRepeated only: the same code twice in one repeated field
//
// Deprecated codes: the ROR keeps them resolvable, since existing offres still carry them and the
// national rules treat their use as an anomaly to fix, not as unreadable data. So the default
// (kAccept) accepts them, and a command refuses them only for codes it is adding: pass kRefuse for
// a creation, and for an update use IsDeprecated to refuse just the codes the record did not hold.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "libs/common/field_violations.h"
#include "libs/nomenclature/nomenclatures.h"

namespace ror::nomenclature {

enum class DeprecatedCodes {
  kAccept,  // reading, or a code the record already holds
  kRefuse,  // a code newly chosen: rule deprecated_code
};

// Adds at most one violation for `field` to `out`. FAILED_PRECONDITION, with `out` untouched, when
// no list answers to `list_id`: the server was started without it, not the caller's fault.
absl::Status Validate(const Nomenclatures& nomenclatures, absl::string_view list_id,
                      absl::string_view field, absl::string_view code, FieldViolations& out,
                      DeprecatedCodes deprecated = DeprecatedCodes::kAccept);

// The same for a coding (system URL + code), the exact lookup: never ambiguous.
absl::Status ValidateCoding(const Nomenclatures& nomenclatures, absl::string_view list_id,
                            absl::string_view field, absl::string_view system,
                            absl::string_view code, FieldViolations& out,
                            DeprecatedCodes deprecated = DeprecatedCodes::kAccept);

// "activites_operationnelles[2]": the path of one element of a repeated field.
std::string IndexedField(absl::string_view field, size_t index);

// Validates every element of `codes` (any range of strings: std::vector, a protobuf repeated
// field) under IndexedField(field, i), and reports a code given twice (duplicate_code).
template <typename Codes>
absl::Status ValidateRepeated(const Nomenclatures& nomenclatures, absl::string_view list_id,
                              absl::string_view field, const Codes& codes, FieldViolations& out,
                              DeprecatedCodes deprecated = DeprecatedCodes::kAccept);

// True when `code` resolves to one entry of `list_id` and that entry is deprecated; false for an
// unknown or ambiguous code or an absent list.
bool IsDeprecated(const Nomenclatures& nomenclatures, absl::string_view list_id,
                  absl::string_view code);

// ValidateRepeated over a span of views (what the template forwards to).
absl::Status ValidateRepeatedCodes(const Nomenclatures& nomenclatures, absl::string_view list_id,
                                   absl::string_view field,
                                   absl::Span<const absl::string_view> codes, FieldViolations& out,
                                   DeprecatedCodes deprecated);

template <typename Codes>
absl::Status ValidateRepeated(const Nomenclatures& nomenclatures, absl::string_view list_id,
                              absl::string_view field, const Codes& codes, FieldViolations& out,
                              DeprecatedCodes deprecated) {
  std::vector<absl::string_view> views(codes.begin(), codes.end());
  return ValidateRepeatedCodes(nomenclatures, list_id, field, views, out, deprecated);
}

}  // namespace ror::nomenclature
