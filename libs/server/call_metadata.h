#pragma once

// What a gRPC call carries beside its request: one metadata value by key.

#include <string>

#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"

namespace ror::server {

// The value of `key` ("x-correlation-id", "traceparent") in the call's metadata; empty when
// absent.
std::string ClientMetadata(const grpc::ServerContext& context, absl::string_view key);

}  // namespace ror::server
