#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/support/server_interceptor.h"
#include "libs/audit/audit_log.h"
#include "libs/audit/audit_observer.h"
#include "libs/authz/authz_interceptor.h"
#include "libs/authz/call_registry.h"
#include "libs/authz/token_verifier.h"
#include "libs/authz/verification_keys.h"
#include "libs/common/clock.h"

namespace ror::server {

struct SecurityOptions {
  std::string issuer;             // the `iss` of auth's tokens
  std::string audience = "ror";   // the `aud` they must carry
  std::string audit_dir;          // the service's audit log, e.g. <data_dir>/audit
  // Where auth answers GetVerificationKeys; empty for the auth service itself, which hands its
  // own keys to verifier().
  std::string auth_address;
  absl::Duration key_poll_interval = absl::Seconds(10);  // bound on a revocation's delay
  absl::Duration start_timeout = absl::Seconds(30);      // for auth's first answer
  // Audit records older than this are purged at start and then every audit_purge_interval (the
  // chain stays verifiable from the purge's checkpoint, libs/audit/README.md).
  absl::Duration audit_retention = audit::kDefaultRetention;
  absl::Duration audit_purge_interval = absl::Hours(24);
};

// What every service installs at its edge (DESIGN §4): bearer tokens verified locally against
// auth's published keys, the caller of each call registered for its handler, and one audit record
// per state-changing call. Pass interceptor() in ServerOptions::interceptors.
class ServiceSecurity {
 public:
  // Opens the audit log and, with an auth address, waits for auth's keys (UNAVAILABLE after
  // start_timeout) then keeps polling them. `services` name the state-changing methods.
  static absl::StatusOr<std::unique_ptr<ServiceSecurity>> Start(
      const SecurityOptions& options, const Clock& clock,
      const std::vector<const google::protobuf::ServiceDescriptor*>& services);
  ~ServiceSecurity();

  authz::CallRegistry& calls() { return calls_; }
  authz::TokenVerifier& verifier() { return verifier_; }
  audit::AuditLog& audit_log() { return *audit_log_; }
  grpc::experimental::ServerInterceptorFactoryInterface* interceptor() { return &interceptor_; }

 private:
  ServiceSecurity(const SecurityOptions& options, const Clock& clock,
                  std::unique_ptr<audit::AuditLog> audit_log,
                  absl::flat_hash_set<std::string> state_changing);
  void PurgeAudit();
  void StartAuditRetention();

  authz::TokenVerifier verifier_;
  authz::CallRegistry calls_;
  std::unique_ptr<audit::AuditLog> audit_log_;
  audit::AuditObserver observer_;
  authz::AuthzInterceptorFactory interceptor_;
  std::unique_ptr<authz::VerificationKeysPoller> poller_;

  const Clock& clock_;
  const absl::Duration audit_retention_;
  const absl::Duration audit_purge_interval_;
  std::mutex retention_mu_;
  std::condition_variable retention_cv_;
  bool stopping_ = false;  // guarded by retention_mu_
  std::thread retention_;
};

// The methods of `services` that change state, as "/package.Service/Method": every one but the
// reads, named Get…, List…, Search… or Watch…. A new read named otherwise is audited for nothing;
// a new write is never missed.
absl::flat_hash_set<std::string> StateChangingMethods(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services);

}  // namespace ror::server
