#include "services/auth/api/self_verification.h"

#include "libs/authz/verification_keys.h"
#include "libs/common/log.h"

namespace ror::auth::api {

absl::Status SelfVerification::RefreshOnce() {
  v1::GetVerificationKeysRequest request;
  v1::VerificationKeys keys;
  grpc::Status status = service_.GetVerificationKeys(nullptr, &request, &keys);
  if (!status.ok()) return absl::UnavailableError(status.error_message());
  return authz::ApplyVerificationKeys(keys, verifier_);
}

void SelfVerification::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (
        !cv_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; })) {
      lock.unlock();
      if (absl::Status refreshed = RefreshOnce(); !refreshed.ok()) {
        log::Warn("own verification keys not refreshed", {{"error", refreshed.ToString()}});
      }
      lock.lock();
    }
  });
}

void SelfVerification::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ror::auth::api
