#pragma once

#include <string>

#include "absl/time/time.h"
#include "services/auth/domain/lockout.h"

namespace ror::auth::app {

// What the operator sets (main.cc reads the flags into it).
struct AuthOptions {
  std::string issuer = "http://127.0.0.1:8080";  // iss of the tokens; the portal's base URL
  std::string audience = "ror";
  absl::Duration access_token_ttl = absl::Minutes(5);
  absl::Duration refresh_token_ttl = absl::Hours(12);  // sliding: each refresh extends it
  absl::Duration reset_token_ttl = absl::Hours(1);
  // « Mot de passe oublié » sends at most one link per account in this time, so that nobody can
  // flood a mailbox (the caller is told OK all the same).
  absl::Duration reset_request_interval = absl::Minutes(1);
  absl::Duration verifier_leeway = absl::Seconds(30);  // clock skew verifiers accept
  domain::LockoutPolicy lockout;

  // How long a token may outlive the moment its session or key was retired.
  absl::Duration token_horizon() const { return access_token_ttl + verifier_leeway; }
};

}  // namespace ror::auth::app
