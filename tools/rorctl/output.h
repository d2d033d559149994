#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace ror::rorctl {

// "requête invalide (INVALID_ARGUMENT) : …" then one line per field violation.
std::string DescribeError(const absl::Status& status);

// The protobuf JSON mapping of `message` on one line, default values included.
absl::StatusOr<std::string> ToJson(const google::protobuf::Message& message);

// Prints `message` as one JSON line on stdout.
absl::Status PrintJson(const google::protobuf::Message& message);

}  // namespace ror::rorctl
