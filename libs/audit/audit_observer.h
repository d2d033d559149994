#pragma once

#include <functional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "libs/audit/audit_log.h"
#include "libs/authz/call_state.h"
#include "libs/common/clock.h"

namespace ror::audit {

// Writes one audit record for every state-changing call that ends, whatever its outcome (a refused
// write is audited too); reads are not audited. Given to the authz interceptor as its
// CallObserver, so it runs on the call's thread before the status is sent.
class AuditObserver final : public authz::CallObserver {
 public:
  // True for the full gRPC method names ("/ror.v1.OffreService/CreateOffre") that change state.
  using IsStateChanging = std::function<bool(absl::string_view method)>;

  // `log` and `clock` are not owned and must outlive the observer.
  AuditObserver(AuditLog& log, const Clock& clock, IsStateChanging is_state_changing);
  AuditObserver(AuditLog& log, const Clock& clock, absl::flat_hash_set<std::string> methods);

  void CallEnded(const authz::CallState& call, const grpc::Status& status) override;

 private:
  AuditLog& log_;
  const Clock& clock_;
  const IsStateChanging is_state_changing_;
};

// The record of one call, before the log chains it (sequence and hashes unset).
v1::AuditRecord RecordOfCall(const authz::CallState& call, const grpc::Status& status,
                             absl::Time now);

}  // namespace ror::audit
