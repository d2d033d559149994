#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_store.h"
#include "services/auth/app/account_handler.h"
#include "services/auth/app/auth_directory.h"
#include "services/auth/app/command_context.h"
#include "services/auth/app/mailer.h"
#include "services/auth/domain/account_request.h"

namespace ror::auth::app {

// « Je ne dispose pas d'un compte ROR » (stream "account_request-<id>"): anyone submits, an
// administrateur decides. An approval creates the account, whose id is the request's (so that a
// retried approval finds it), and mails its activation link; a rejection mails the motif.
class AccountRequestHandler {
 public:
  AccountRequestHandler(eventstore::EventStore& store, AuthDirectory& directory,
                        AccountHandler& accounts, Mailer& mailer, const Clock& clock,
                        IdGenerator& ids)
      : store_(store),
        directory_(directory),
        accounts_(accounts),
        mailer_(mailer),
        clock_(clock),
        ids_(ids) {}

  // The request's id. Never says whether the e-mail already has an account.
  absl::StatusOr<std::string> Submit(const domain::SubmitAccountRequest& request,
                                     const CommandContext& ctx);
  // The requests whose établissement lies within `by`.
  absl::StatusOr<std::vector<domain::AccountRequestState>> List(bool include_decided,
                                                                const domain::AdminScope& by);
  // ALREADY_EXISTS (approval) when an account has the e-mail; FAILED_PRECONDITION when decided
  // otherwise before; PERMISSION_DENIED for an établissement outside `by`.
  absl::StatusOr<domain::AccountRequestState> Decide(absl::string_view account_request_id,
                                                     bool approve, absl::string_view motif,
                                                     const CommandContext& ctx,
                                                     const domain::AdminScope& by);

 private:
  using RequestOutcome =
      eventstore::CommandOutcome<domain::AccountRequestState, domain::AccountRequestEvent>;

  // The command loop on the request's stream.
  absl::StatusOr<RequestOutcome> Run(absl::string_view id, const CommandContext& ctx,
                                     const domain::AccountRequestCommand& command);
  absl::StatusOr<domain::AccountRequestState> Load(absl::string_view id);

  eventstore::EventStore& store_;
  AuthDirectory& directory_;
  AccountHandler& accounts_;
  Mailer& mailer_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace ror::auth::app
