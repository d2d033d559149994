#include "libs/server/service_security.h"

#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "libs/common/log.h"

namespace ror::server {

absl::flat_hash_set<std::string> StateChangingMethods(
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  absl::flat_hash_set<std::string> methods;
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const std::string& name = service->method(i)->name();
      const bool reads = absl::StartsWith(name, "Get") || absl::StartsWith(name, "List") ||
                         absl::StartsWith(name, "Search") || absl::StartsWith(name, "Watch");
      if (!reads) methods.insert(absl::StrCat("/", service->full_name(), "/", name));
    }
  }
  return methods;
}

ServiceSecurity::ServiceSecurity(const SecurityOptions& options, const Clock& clock,
                                 std::unique_ptr<audit::AuditLog> audit_log,
                                 absl::flat_hash_set<std::string> state_changing)
    : verifier_(authz::VerifierOptions{.issuer = options.issuer, .audience = options.audience},
                clock),
      audit_log_(std::move(audit_log)),
      observer_(*audit_log_, clock, std::move(state_changing)),
      interceptor_(verifier_, calls_, &observer_),
      clock_(clock),
      audit_retention_(options.audit_retention),
      audit_purge_interval_(options.audit_purge_interval) {}

ServiceSecurity::~ServiceSecurity() {
  {
    std::lock_guard lock(retention_mu_);
    stopping_ = true;
  }
  retention_cv_.notify_all();
  if (retention_.joinable()) retention_.join();
}

void ServiceSecurity::PurgeAudit() {
  absl::StatusOr<audit::PurgeResult> purged = audit_log_->Purge(clock_.Now(), audit_retention_);
  if (!purged.ok()) {
    // A chain that does not verify is not purged: the evidence stays for `rorctl audit verify`.
    log::Error("audit purge refused", {{"error", purged.status().ToString()}});
    return;
  }
  if (purged->removed > 0) {
    log::Info("audit records past retention purged",
              {{"removed", absl::StrCat(purged->removed)},
               {"checkpoint_sequence", absl::StrCat(purged->checkpoint_sequence)}});
  }
}

void ServiceSecurity::StartAuditRetention() {
  PurgeAudit();
  retention_ = std::thread([this] {
    std::unique_lock lock(retention_mu_);
    while (!retention_cv_.wait_for(lock, absl::ToChronoNanoseconds(audit_purge_interval_),
                                   [this] { return stopping_; })) {
      lock.unlock();
      PurgeAudit();
      lock.lock();
    }
  });
}

absl::StatusOr<std::unique_ptr<ServiceSecurity>> ServiceSecurity::Start(
    const SecurityOptions& options, const Clock& clock,
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  if (options.issuer.empty()) return absl::InvalidArgumentError("security: issuer is required");
  absl::StatusOr<std::unique_ptr<audit::AuditLog>> log =
      audit::AuditLog::Open(audit::AuditLogOptions{.path = options.audit_dir, .sync = true});
  if (!log.ok()) return log.status();
  auto security = absl::WrapUnique(
      new ServiceSecurity(options, clock, *std::move(log), StateChangingMethods(services)));
  security->StartAuditRetention();
  if (options.auth_address.empty()) return security;

  security->poller_ = std::make_unique<authz::VerificationKeysPoller>(
      grpc::CreateChannel(options.auth_address, grpc::InsecureChannelCredentials()),
      security->verifier_, options.key_poll_interval);
  // Auth may be starting beside us (./ror up): ask until it answers or the time is up.
  const absl::Time deadline = absl::Now() + options.start_timeout;
  absl::Status polled;
  while (!(polled = security->poller_->PollOnce(absl::Seconds(2))).ok()) {
    if (absl::Now() >= deadline) {
      return absl::UnavailableError(absl::StrCat("auth at ", options.auth_address,
                                                 " gave no verification keys: ",
                                                 polled.message()));
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  log::Info("verification keys loaded", {{"auth", options.auth_address}});
  security->poller_->Start();
  return security;
}

}  // namespace ror::server
