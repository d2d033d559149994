#pragma once

// absl::Status <-> grpc::Status, 1:1 (DESIGN §2): same code, same message, and every payload of
// the absl::Status (e.g. a ror.v1.BadRequest) travels as an Any in the standard google.rpc.Status
// error details ("grpc-status-details-bin"), so any gRPC client can read it.

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace ror::server {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients: restores the payloads from the error details.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace ror::server
