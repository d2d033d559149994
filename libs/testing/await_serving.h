#pragma once

// Waiting for a process run by a test to serve gRPC.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"

namespace ror::testing {

// Asks the standard health service on `channel` until `service` is SERVING (as `rorctl
// wait-healthy`); DEADLINE_EXCEEDED with the last answer after `timeout`.
absl::Status AwaitServing(const std::shared_ptr<grpc::Channel>& channel, const std::string& service,
                          absl::Duration timeout);

}  // namespace ror::testing
