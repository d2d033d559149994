#pragma once

#include <string>

#include "grpcpp/server_context.h"
#include "services/offre/app/command_context.h"

namespace ror::offre::api {

// The command context of a gRPC call: its request_id, and the correlation id and W3C traceparent
// from the call's metadata ("x-correlation-id", "traceparent").
app::CommandContext ContextOf(const grpc::ServerContext& context, std::string request_id);

}  // namespace ror::offre::api
