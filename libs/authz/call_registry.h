#pragma once

#include <memory>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "libs/authz/call_state.h"

namespace grpc {
class ServerContextBase;
}

namespace ror::authz {

// The state of every call in flight, keyed by its ServerContext. The authz interceptor opens an
// entry when the call's metadata arrives and closes it when the call ends; handlers read the
// caller and note the stream they wrote. Thread-safe; one per server, owned by main().
class CallRegistry {
 public:
  std::shared_ptr<CallState> Open(const grpc::ServerContextBase* context, CallState state);
  void Close(const grpc::ServerContextBase* context);

  // The verified caller of the call; UNAUTHENTICATED when its token was refused, anonymous when it
  // had none. INTERNAL if the call never went through the interceptor (a wiring mistake).
  absl::StatusOr<Principal> Caller(const grpc::ServerContextBase* context) const;
  // What a state-changing handler wrote, for the audit record.
  void NoteWrite(const grpc::ServerContextBase* context, std::string stream_id,
                 int64_t stream_version, std::string request_id);

 private:
  std::shared_ptr<CallState> Find(const grpc::ServerContextBase* context) const;
  mutable std::mutex mu_;
  absl::flat_hash_map<const grpc::ServerContextBase*, std::shared_ptr<CallState>> calls_;
};

}  // namespace ror::authz
