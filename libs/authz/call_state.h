#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "libs/authz/principal.h"

namespace ror::authz {

// What one RPC carries from the authz interceptor to its handler and back to the audit log.
struct CallState {
  std::string method;  // "/ror.v1.OffreService/CreateOffre"
  std::string peer;    // "ipv4:127.0.0.1:53122"
  // Anonymous without an "authorization" header; the refusal (UNAUTHENTICATED) for a bad token.
  absl::StatusOr<Principal> caller = Anonymous();
  // Set by the handler of a state-changing RPC: the stream it wrote and the version it reached.
  std::string stream_id;
  int64_t stream_version = 0;
  std::string request_id;
};

}  // namespace ror::authz

namespace grpc {
class Status;
}

namespace ror::authz {

// Told of every call when its status is about to be sent (the audit log is one). Must not throw;
// runs on the call's thread.
class CallObserver {
 public:
  virtual ~CallObserver() = default;
  virtual void CallEnded(const CallState& call, const grpc::Status& status) = 0;
};

}  // namespace ror::authz
