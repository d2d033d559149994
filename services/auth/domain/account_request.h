#pragma once

// The AccountRequest aggregate (« Je ne dispose pas d'un compte ROR », stream
// "account_request-<id>"): submitted by the person, then approved or rejected by an
// administrateur. An approval names the account it creates; the handler creates it.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::domain {

using v1::events::AccountRequestDecided;
using v1::events::AccountRequested;

using AccountRequestEvent = std::variant<AccountRequested, AccountRequestDecided>;

struct AccountRequestState {
  AccountRequested request;  // empty account_request_id while it does not exist
  AccountRequestDecided::Decision decision = AccountRequestDecided::DECISION_UNSPECIFIED;
  std::string decision_motif;
  std::string account_id;
  absl::Time decided_at = absl::InfinitePast();
  int64_t version = 0;

  bool exists() const { return !request.account_request_id().empty(); }
  bool decided() const { return decision != AccountRequestDecided::DECISION_UNSPECIFIED; }
};

struct SubmitAccountRequest {
  std::string account_request_id;
  std::string email;
  std::string prenom;
  std::string nom;
  std::string finess_etablissement;
  std::string motif;
  absl::Time now = absl::InfinitePast();
};

struct DecideAccountRequest {
  bool approve = false;
  std::string motif;       // required to reject
  std::string account_id;  // the account an approval creates
  absl::Time now = absl::InfinitePast();
};

using AccountRequestCommand = std::variant<SubmitAccountRequest, DecideAccountRequest>;

// INVALID_ARGUMENT naming every broken rule (email, prenom, nom, finess_etablissement, motif).
absl::Status ValidateSubmission(const SubmitAccountRequest& command);

// Errors: INVALID_ARGUMENT, NOT_FOUND (no such request), FAILED_PRECONDITION (decided otherwise
// already).
absl::StatusOr<std::vector<AccountRequestEvent>> Decide(const AccountRequestState& state,
                                                        const AccountRequestCommand& command);

AccountRequestState Evolve(AccountRequestState state, const AccountRequestEvent& event);

}  // namespace ror::auth::domain
