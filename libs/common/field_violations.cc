#include "libs/common/field_violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"

namespace ror {

void FieldViolations::Add(absl::string_view field, absl::string_view rule,
                          absl::string_view description) {
  v1::FieldViolation* v = bad_request_.add_field_violations();
  v->set_field(std::string(field));
  v->set_rule(std::string(rule));
  v->set_description(std::string(description));
}

absl::Status FieldViolations::ToStatus() const {
  if (empty()) return absl::OkStatus();
  std::string message = "requête invalide";
  const char* separator = " : ";
  for (const v1::FieldViolation& v : bad_request_.field_violations()) {
    absl::StrAppend(&message, separator, v.field(), " : ", v.description(), " (", v.rule(), ")");
    separator = " ; ";
  }
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kBadRequestTypeUrl, absl::Cord(bad_request_.SerializeAsString()));
  return status;
}

std::optional<v1::BadRequest> GetBadRequest(const absl::Status& status) {
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  if (!payload) return std::nullopt;
  v1::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return std::nullopt;
  return bad_request;
}

}  // namespace ror
