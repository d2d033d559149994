#pragma once

// The auth service's application, assembled: the directory, the password hasher, the key ring,
// the token issuer and the handlers, over one event store and one mailer (main.cc and the tests
// build it the same way).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "services/auth/app/account_handler.h"
#include "services/auth/app/account_request_handler.h"
#include "services/auth/app/api_client_handler.h"
#include "services/auth/app/auth_directory.h"
#include "services/auth/app/auth_options.h"
#include "services/auth/app/key_ring.h"
#include "services/auth/app/mailer.h"
#include "services/auth/app/password_hasher.h"
#include "services/auth/app/psc_handler.h"
#include "services/auth/app/session_handler.h"
#include "services/auth/app/token_issuer.h"

namespace ror::auth::app {

class AuthApp {
 public:
  // Rebuilds the directory from the store and opens the key ring under `keys_dir`.
  static absl::StatusOr<std::unique_ptr<AuthApp>> Open(eventstore::EventStore& store,
                                                       Mailer& mailer, const Clock& clock,
                                                       IdGenerator& ids, AuthOptions options,
                                                       Argon2Cost cost, KeyRingOptions keys);

  AccountHandler& accounts() { return accounts_; }
  AccountRequestHandler& requests() { return requests_; }
  SessionHandler& sessions() { return sessions_; }
  ApiClientHandler& clients() { return clients_; }
  KeyRing& keys() { return *keys_; }
  // Null until EnablePsc.
  PscHandler* psc() { return psc_.get(); }
  // Turns on « Se connecter avec Pro Santé Connect » with the relying party `discover` makes.
  void EnablePsc(PscOptions options, PscHandler::Discover discover);
  const AuthOptions& options() const { return options_; }

  // Disables the account and ends every session it has.
  absl::StatusOr<domain::AccountState> DisableAccount(absl::string_view account_id,
                                                      absl::string_view motif,
                                                      const CommandContext& ctx,
                                                      const domain::AdminScope& by);
  // The sessions verifiers must refuse now, with the time after which none of their tokens lives.
  std::vector<std::pair<std::string, absl::Time>> RevokedSessions();
  // The OpenID Connect discovery document.
  std::string OpenIdConfiguration() const;

 private:
  AuthApp(eventstore::EventStore& store, Mailer& mailer, const Clock& clock, IdGenerator& ids,
          AuthOptions options, Argon2Cost cost, std::unique_ptr<KeyRing> keys);

  eventstore::EventStore& store_;
  const Clock& clock_;
  const AuthOptions options_;
  AuthDirectory directory_;
  PasswordHasher hasher_;
  std::unique_ptr<KeyRing> keys_;
  TokenIssuer issuer_;
  AccountHandler accounts_;
  SessionHandler sessions_;
  AccountRequestHandler requests_;
  ApiClientHandler clients_;
  std::unique_ptr<PscHandler> psc_;
};

}  // namespace ror::auth::app
