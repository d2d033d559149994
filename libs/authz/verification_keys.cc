#include "libs/authz/verification_keys.h"

#include <chrono>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "nlohmann/json.hpp"

namespace ror::authz {

absl::Status ApplyVerificationKeys(const v1::VerificationKeys& keys, TokenVerifier& verifier) {
  nlohmann::json jwks = nlohmann::json::parse(keys.jwks_json(), nullptr, false);
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    return absl::InvalidArgumentError("JWKS: an object with a \"keys\" list expected");
  }
  std::vector<Es256Key> parsed;
  for (const nlohmann::json& jwk : jwks["keys"]) {
    absl::StatusOr<Es256Key> key = Es256Key::FromJwk(jwk);
    // A key of another kind may sit in a JWKS; it just cannot sign our tokens.
    if (!key.ok()) {
      log::Warn("JWKS key skipped", {{"reason", std::string(key.status().message())}});
      continue;
    }
    parsed.push_back(*std::move(key));
  }
  if (parsed.empty()) return absl::InvalidArgumentError("JWKS: no ES256 key");
  verifier.SetKeys(std::move(parsed));
  std::vector<std::pair<std::string, absl::Time>> revoked;
  for (const v1::RevokedSession& s : keys.revoked_sessions()) {
    revoked.emplace_back(s.session_id(), FromProtoTimestamp(s.until()));
  }
  verifier.RevokeSessions(revoked);
  return absl::OkStatus();
}

VerificationKeysPoller::VerificationKeysPoller(std::shared_ptr<grpc::Channel> auth,
                                               TokenVerifier& verifier, absl::Duration interval)
    : VerificationKeysPoller(
          [stub = std::shared_ptr<v1::AuthService::Stub>(v1::AuthService::NewStub(auth))](
              absl::Duration deadline) -> absl::StatusOr<v1::VerificationKeys> {
            grpc::ClientContext context;
            context.set_deadline(std::chrono::system_clock::now() +
                                 absl::ToChronoNanoseconds(deadline));
            v1::VerificationKeys keys;
            grpc::Status status =
                stub->GetVerificationKeys(&context, v1::GetVerificationKeysRequest(), &keys);
            if (!status.ok()) return server::FromGrpcStatus(status);
            return keys;
          },
          verifier, interval) {}

VerificationKeysPoller::VerificationKeysPoller(Fetch fetch, TokenVerifier& verifier,
                                               absl::Duration interval)
    : fetch_(std::move(fetch)), verifier_(verifier), interval_(interval) {}

VerificationKeysPoller::~VerificationKeysPoller() { Stop(); }

absl::Status VerificationKeysPoller::PollOnce(absl::Duration deadline) {
  absl::StatusOr<v1::VerificationKeys> keys = fetch_(deadline);
  if (!keys.ok()) return keys.status();
  return ApplyVerificationKeys(*keys, verifier_);
}

void VerificationKeysPoller::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; })) {
      lock.unlock();
      absl::Status polled = PollOnce(absl::Seconds(5));
      // The previous keys stay in force: tokens keep verifying while auth is away.
      if (!polled.ok()) {
        log::Warn("verification keys not refreshed", {{"error", polled.ToString()}});
      }
      lock.lock();
    }
  });
}

void VerificationKeysPoller::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ror::authz
