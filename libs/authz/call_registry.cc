#include "libs/authz/call_registry.h"

#include <utility>

namespace ror::authz {

std::shared_ptr<CallState> CallRegistry::Open(const grpc::ServerContextBase* context,
                                              CallState state) {
  auto call = std::make_shared<CallState>(std::move(state));
  std::lock_guard lock(mu_);
  calls_.insert_or_assign(context, call);
  return call;
}

void CallRegistry::Close(const grpc::ServerContextBase* context) {
  std::lock_guard lock(mu_);
  calls_.erase(context);
}

std::shared_ptr<CallState> CallRegistry::Find(const grpc::ServerContextBase* context) const {
  std::lock_guard lock(mu_);
  auto it = calls_.find(context);
  return it == calls_.end() ? nullptr : it->second;
}

absl::StatusOr<Principal> CallRegistry::Caller(const grpc::ServerContextBase* context) const {
  std::shared_ptr<CallState> call = Find(context);
  if (call == nullptr) {
    return absl::InternalError("authz: call not registered (is the interceptor installed?)");
  }
  return call->caller;
}

void CallRegistry::NoteWrite(const grpc::ServerContextBase* context, std::string stream_id,
                             int64_t stream_version, std::string request_id) {
  std::shared_ptr<CallState> call = Find(context);
  if (call == nullptr) return;
  // Only the call's own handler thread writes these, and the observer reads them after it returns.
  call->stream_id = std::move(stream_id);
  call->stream_version = stream_version;
  call->request_id = std::move(request_id);
}

}  // namespace ror::authz
