#pragma once

// What the auth service looks up across streams, kept in memory and fed from the store's global
// log: the account of an e-mail (unique, case-insensitively), the open sessions of an account, the
// ended sessions verifiers must refuse, the account requests. Rebuilt from the log at start-up;
// each handler calls CatchUp after it writes. Thread-safe.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/eventstore/event_store.h"

namespace ror::auth::app {

class AuthDirectory {
 public:
  // How long after its end a session's tokens may still be presented: the access-token lifetime
  // plus the verifiers' clock leeway.
  explicit AuthDirectory(absl::Duration revocation_horizon) : horizon_(revocation_horizon) {}

  // Applies every event of the store not seen yet.
  absl::Status CatchUp(eventstore::EventStore& store);

  // The account an e-mail belongs to (EmailKey form or as typed).
  std::optional<std::string> AccountOfEmail(absl::string_view email) const;
  // The account a Pro Santé Connect identity ("sub") is linked to.
  std::optional<std::string> AccountOfPscSubject(absl::string_view psc_subject) const;
  std::vector<std::string> OpenSessionsOf(absl::string_view account_id) const;
  // Sessions ended whose tokens may still be alive at `now`, each with the time after which none
  // is.
  std::vector<std::pair<std::string, absl::Time>> RevokedSessions(absl::Time now) const;
  // Every account request, oldest first.
  std::vector<std::string> AccountRequests() const;
  // Forgets the sessions over at `now` (expired, or revoked with no token left alive), so that
  // memory follows the sessions in use rather than every session ever opened.
  void ForgetEnded(absl::Time now);

 private:
  void Apply(const v1::EventEnvelope& envelope);  // mu_ held

  const absl::Duration horizon_;
  mutable std::mutex mu_;
  uint64_t position_ = 0;
  absl::flat_hash_map<std::string, std::string> account_of_email_;
  absl::flat_hash_map<std::string, std::string> account_of_psc_subject_;
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> open_sessions_;
  struct OpenSession {
    std::string account_id;
    absl::Time expires_at = absl::InfinitePast();
  };
  absl::flat_hash_map<std::string, OpenSession> open_session_;
  absl::flat_hash_map<std::string, absl::Time> revoked_until_;
  std::vector<std::string> account_requests_;
};

}  // namespace ror::auth::app
