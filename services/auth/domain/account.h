#pragma once

// The Account aggregate (a person, stream "account-<id>") as a decider (DESIGN §2): created by an
// administrateur (migrated account) or by an approved request, without a password; the password is
// set through a reset link (that is also how it is activated); then logins, with a back-off after
// failures; roles with their scope; disabled for good.
//
// Passwords and tokens never reach the decider: it sees their hashes and, for a login, whether the
// application found the password right.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ror/v1/events/auth_events.pb.h"
#include "services/auth/domain/grants.h"
#include "services/auth/domain/lockout.h"

namespace ror::auth::domain {

using v1::events::AccountCreated;
using v1::events::AccountDisabled;
using v1::events::LoginFailed;
using v1::events::LoginSucceeded;
using v1::events::PasswordResetRequested;
using v1::events::PasswordSet;
using v1::events::PscIdentityLinked;
using v1::events::RoleGranted;
using v1::events::RoleRevoked;

using AccountEvent =
    std::variant<AccountCreated, PasswordResetRequested, PasswordSet, LoginSucceeded, LoginFailed,
                 RoleGranted, RoleRevoked, AccountDisabled, PscIdentityLinked>;

// The one message of every refused login, whatever was wrong (unknown e-mail, wrong password,
// account locked or not activated): it must not tell an attacker which.
inline constexpr char kBadCredentials[] =
    "identifiant ou mot de passe incorrect (après plusieurs échecs, le compte est verrouillé "
    "quelques minutes)";

struct AccountState {
  std::string account_id;
  std::string email;
  std::string prenom;
  std::string nom;
  std::string password_hash;
  std::string reset_token_hash;  // the last link sent, until used
  absl::Time reset_expires_at = absl::InfinitePast();
  absl::Time reset_requested_at = absl::InfinitePast();
  int consecutive_failures = 0;
  absl::Time locked_until = absl::InfinitePast();
  std::string last_attempt_id;  // of the last login recorded (idempotence)
  absl::Time last_login_at = absl::InfinitePast();
  bool password_login_done = false;  // logged in once with e-mail and password
  std::string psc_subject;           // the linked Pro Santé Connect identity ("sub")
  std::string rpps;
  bool disabled = false;
  std::string disabled_motif;
  std::vector<AccountGrant> grants;
  absl::Time created_at = absl::InfinitePast();
  int64_t version = 0;

  bool exists() const { return !account_id.empty(); }
  bool has_password() const { return !password_hash.empty(); }
  bool has_logged_in() const { return last_login_at != absl::InfinitePast(); }
};

struct CreateAccount {
  std::string account_id;
  std::string email;
  std::string prenom;
  std::string nom;
  AccountCreated::Origin origin = AccountCreated::ORIGIN_MIGRATED;
  std::string account_request_id;
  std::vector<AccountGrant> grants;
  absl::Time now = absl::InfinitePast();
};

struct RequestPasswordReset {
  std::string reset_token_hash;
  absl::Time expires_at = absl::InfinitePast();
  absl::Time now = absl::InfinitePast();
};

// Setting the password with the link's token: its hash must be the last link's, not expired.
struct SetPassword {
  std::string reset_token_hash;
  std::string password_hash;  // a salted hash: two commands never carry the same
  absl::Time now = absl::InfinitePast();
};

// A login attempt. With a password, `password_ok` says whether the application found it right;
// with Pro Santé Connect the provider vouched for the linked identity (the application checked
// it is this account's), so neither the lock nor the password matter.
struct RecordLogin {
  std::string attempt_id;  // the session id a success opens
  bool password_ok = false;
  LockoutPolicy policy;
  absl::Time now = absl::InfinitePast();
  LoginSucceeded::Method method = LoginSucceeded::METHOD_PASSWORD;
};

struct GrantRole {
  AccountGrant grant;
  absl::Time now = absl::InfinitePast();
};

struct RevokeRole {
  AccountGrant grant;
  absl::Time now = absl::InfinitePast();
};

struct DisableAccount {
  std::string motif;
  absl::Time now = absl::InfinitePast();
};

// Links a Pro Santé Connect identity: only once the account has logged in with its e-mail and
// password (seeds 000), and one identity per account.
struct LinkPscIdentity {
  std::string psc_subject;
  std::string rpps;
  absl::Time now = absl::InfinitePast();
};

using AccountCommand = std::variant<CreateAccount, RequestPasswordReset, SetPassword, RecordLogin,
                                    GrantRole, RevokeRole, DisableAccount, LinkPscIdentity>;

// INVALID_ARGUMENT naming each broken rule of a new account (email, prenom, nom, grants[i]…).
absl::Status ValidateNewAccount(const CreateAccount& command);

// Errors: NOT_FOUND (no such account), INVALID_ARGUMENT (bad input), UNAUTHENTICATED with
// kBadCredentials (a refused login, or a reset token that is not the last link's or has expired:
// "lien invalide ou expiré"), FAILED_PRECONDITION (the account is disabled).
absl::StatusOr<std::vector<AccountEvent>> Decide(const AccountState& state,
                                                 const AccountCommand& command);

AccountState Evolve(AccountState state, const AccountEvent& event);

}  // namespace ror::auth::domain
