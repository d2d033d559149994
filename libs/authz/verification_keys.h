#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "libs/authz/token_verifier.h"
#include "ror/v1/auth.grpc.pb.h"

namespace ror::authz {

// Loads the keys and ended sessions auth publishes into the verifier. INVALID_ARGUMENT when the
// JWKS is not JSON or holds no usable key: the verifier then keeps its previous keys.
absl::Status ApplyVerificationKeys(const v1::VerificationKeys& keys, TokenVerifier& verifier);

// Keeps a service's verifier up to date by asking auth's GetVerificationKeys every `interval`
// (a revoked session is refused everywhere within that interval; tokens expire anyway after
// their short lifetime). Requests are never verified against auth one by one.
class VerificationKeysPoller {
 public:
  // Where the keys come from: auth over gRPC, or the auth service itself in process.
  using Fetch = std::function<absl::StatusOr<v1::VerificationKeys>(absl::Duration deadline)>;

  VerificationKeysPoller(std::shared_ptr<grpc::Channel> auth, TokenVerifier& verifier,
                         absl::Duration interval);
  VerificationKeysPoller(Fetch fetch, TokenVerifier& verifier, absl::Duration interval);
  ~VerificationKeysPoller();  // Stop()

  // One poll now, with a deadline; the service calls it once at start-up and fails without keys.
  absl::Status PollOnce(absl::Duration deadline);
  void Start();
  void Stop();

 private:
  const Fetch fetch_;
  TokenVerifier& verifier_;
  const absl::Duration interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace ror::authz
