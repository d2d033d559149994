#pragma once

// The auth service verifies the tokens of its own callers (administrateurs) the way every other
// service does, through a TokenVerifier fed with GetVerificationKeys — but in-process, every
// `interval`, instead of over the network.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/authz/token_verifier.h"
#include "services/auth/api/auth_grpc_service.h"

namespace ror::auth::api {

class SelfVerification {
 public:
  SelfVerification(AuthGrpcService& service, authz::TokenVerifier& verifier,
                   absl::Duration interval)
      : service_(service), verifier_(verifier), interval_(interval) {}
  ~SelfVerification() { Stop(); }

  // Applies the current keys and ended sessions now.
  absl::Status RefreshOnce();
  void Start();
  void Stop();

 private:
  AuthGrpcService& service_;
  authz::TokenVerifier& verifier_;
  const absl::Duration interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace ror::auth::api
