#pragma once

// The Session aggregate (one login, stream "session-<id>"): its refresh token rotates on every
// use; a retired refresh token presented again means it was copied, so the whole session ends.
// Only SHA-256 hashes of refresh tokens reach the decider.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::domain {

using v1::events::SessionOpened;
using v1::events::SessionRefreshed;
using v1::events::SessionRevoked;

using SessionEvent = std::variant<SessionOpened, SessionRefreshed, SessionRevoked>;

inline constexpr char kInvalidRefreshToken[] = "jeton de rafraîchissement invalide ou expiré";

struct SessionState {
  std::string session_id;
  std::string account_id;
  std::string refresh_token_hash;           // the one to present next
  std::vector<std::string> retired_hashes;  // presented once already
  absl::Time opened_at = absl::InfinitePast();
  absl::Time expires_at = absl::InfinitePast();
  bool revoked = false;
  SessionRevoked::Reason revoke_reason = SessionRevoked::REASON_UNSPECIFIED;
  absl::Time revoked_at = absl::InfinitePast();
  int64_t version = 0;

  bool exists() const { return !session_id.empty(); }
};

struct OpenSession {
  std::string session_id;
  std::string account_id;
  std::string refresh_token_hash;
  absl::Time expires_at = absl::InfinitePast();
  absl::Time now = absl::InfinitePast();
};

// Presents `presented_hash`; when it is the current one, `new_hash` replaces it and the session
// lasts until `expires_at`. A retired one ends the session (REASON_REFRESH_TOKEN_REUSED): the
// command then succeeds with that event, and the caller refuses the refresh because the session is
// revoked.
struct RefreshSession {
  std::string presented_hash;
  std::string new_hash;
  absl::Time expires_at = absl::InfinitePast();
  absl::Time now = absl::InfinitePast();
};

struct RevokeSession {
  SessionRevoked::Reason reason = SessionRevoked::REASON_LOGOUT;
  absl::Time now = absl::InfinitePast();
};

using SessionCommand = std::variant<OpenSession, RefreshSession, RevokeSession>;

// Errors: UNAUTHENTICATED kInvalidRefreshToken (unknown session or token, expired session),
// NOT_FOUND (revoking a session that does not exist).
absl::StatusOr<std::vector<SessionEvent>> Decide(const SessionState& state,
                                                 const SessionCommand& command);

SessionState Evolve(SessionState state, const SessionEvent& event);

}  // namespace ror::auth::domain
