#pragma once

// INVALID_ARGUMENT statuses that name every broken rule of a request (DESIGN §2, §6): the status
// carries a ror.v1.BadRequest payload, which the gRPC edge turns into the standard error details.
//   FieldViolations v;
//   if (nom.empty()) v.Add("nom", "required", "le nom de l'offre est obligatoire");
//   RETURN_IF_ERROR(v.ToStatus());

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "ror/v1/types.pb.h"

namespace ror {

// Payload type URL of a BadRequest attached to an absl::Status (the google.protobuf.Any
// convention).
inline constexpr char kBadRequestTypeUrl[] = "type.googleapis.com/ror.v1.BadRequest";

class FieldViolations {
 public:
  // `field` is the path in the request ("nom", "offre.nom"), `rule` a machine name ("required",
  // "max_length", "format", "nomenclature"), `description` French, for the person who typed it.
  void Add(absl::string_view field, absl::string_view rule, absl::string_view description);

  bool empty() const { return bad_request_.field_violations().empty(); }
  const v1::BadRequest& bad_request() const { return bad_request_; }

  // OK when no rule is broken; otherwise INVALID_ARGUMENT whose message lists "field : description"
  // and whose payload is the BadRequest.
  absl::Status ToStatus() const;

 private:
  v1::BadRequest bad_request_;
};

// The BadRequest attached to `status`, if any.
std::optional<v1::BadRequest> GetBadRequest(const absl::Status& status);

}  // namespace ror
