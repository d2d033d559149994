#include "services/auth/app/account_request_handler.h"

#include <functional>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/eventstore/command_loop.h"
#include "libs/eventstore/event_codec.h"
#include "services/auth/app/streams.h"

namespace ror::auth::app {
namespace {

absl::Status CheckRequestId(absl::string_view id) {
  FieldViolations v;
  if (id.empty()) {
    v.Add("account_request_id", "required", "l'identifiant de la demande est obligatoire");
  } else if (!IsUuid(id)) {
    v.Add("account_request_id", "format", "l'identifiant de la demande est un UUID");
  }
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<domain::AccountRequestState> AccountRequestHandler::Load(absl::string_view id) {
  return eventstore::LoadStream<domain::AccountRequestState>(
      store_, AccountRequestStream(id), eventstore::DecodeEvent<domain::AccountRequestEvent>);
}

absl::StatusOr<AccountRequestHandler::RequestOutcome> AccountRequestHandler::Run(
    absl::string_view id, const CommandContext& ctx, const domain::AccountRequestCommand& command) {
  return eventstore::RunCommand<domain::AccountRequestState>(
      store_, clock_, ids_, AccountRequestStream(id), RequestIdOf(ctx, ids_),
      [&](const domain::AccountRequestState& state) { return domain::Decide(state, command); },
      eventstore::DecodeEvent<domain::AccountRequestEvent>,
      eventstore::EncodeEvent<domain::AccountRequestEvent>,
      std::bind_front(StampContext, std::cref(ctx)));
}

absl::StatusOr<std::string> AccountRequestHandler::Submit(
    const domain::SubmitAccountRequest& request, const CommandContext& ctx) {
  domain::SubmitAccountRequest command = request;
  command.account_request_id = ids_.NewId();
  command.now = clock_.Now();
  RETURN_IF_ERROR(domain::ValidateSubmission(command));
  RETURN_IF_ERROR(Run(command.account_request_id, ctx, command).status());
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  log::Info("account requested", {{"account_request_id", command.account_request_id}});
  return command.account_request_id;
}

absl::StatusOr<std::vector<domain::AccountRequestState>> AccountRequestHandler::List(
    bool include_decided, const domain::AdminScope& by) {
  RETURN_IF_ERROR(directory_.CatchUp(store_));
  std::vector<domain::AccountRequestState> out;
  for (const std::string& id : directory_.AccountRequests()) {
    ASSIGN_OR_RETURN(domain::AccountRequestState state, Load(id));
    if (!include_decided && state.decided()) continue;
    if (!domain::CheckAdministersFiness(by, state.request.finess_etablissement()).ok()) continue;
    out.push_back(std::move(state));
  }
  return out;
}

absl::StatusOr<domain::AccountRequestState> AccountRequestHandler::Decide(
    absl::string_view account_request_id, bool approve, absl::string_view motif,
    const CommandContext& ctx, const domain::AdminScope& by) {
  RETURN_IF_ERROR(CheckRequestId(account_request_id));
  ASSIGN_OR_RETURN(domain::AccountRequestState state, Load(account_request_id));
  if (state.exists()) {
    RETURN_IF_ERROR(domain::CheckAdministersFiness(by, state.request.finess_etablissement()));
  }
  const domain::DecideAccountRequest command{.approve = approve,
                                             .motif = std::string(motif),
                                             .account_id = std::string(account_request_id),
                                             .now = clock_.Now()};
  // Decided on the state first: a refusal (unknown, decided otherwise, no motif) creates nothing.
  RETURN_IF_ERROR(domain::Decide(state, command).status());
  std::optional<domain::AccountState> account;
  if (approve) {
    ASSIGN_OR_RETURN(
        account, accounts_.Create(NewAccount{.account_id = std::string(account_request_id),
                                             .email = state.request.email(),
                                             .prenom = state.request.prenom(),
                                             .nom = state.request.nom(),
                                             .grants = {},
                                             .origin = domain::AccountCreated::ORIGIN_REQUESTED,
                                             .account_request_id = std::string(account_request_id)},
                                  ctx, NationalScope()));
  }
  ASSIGN_OR_RETURN(RequestOutcome outcome, Run(account_request_id, ctx, command));
  if (outcome.events.empty()) return outcome.after;  // decided so already: mailed then
  log::Info("account request decided", {{"account_request_id", std::string(account_request_id)},
                                        {"approved", approve ? "true" : "false"}});
  if (account.has_value()) {
    return accounts_.SendResetLink(*account, /*activation=*/true, ctx).ok()
               ? absl::StatusOr<domain::AccountRequestState>(outcome.after)
               : absl::UnavailableError(
                     "le compte est créé mais le lien d'activation n'a pu être "
                     "envoyé : le demandeur peut utiliser « Mot de passe "
                     "oublié ? »");
  }
  absl::Status mailed = mailer_.Send(
      Mail{.to = state.request.email(),
           .subject = "ROR : votre demande de compte",
           .body = absl::StrCat("Bonjour ", state.request.prenom(),
                                ",\r\n\r\nVotre demande de compte ROR n'a pas été acceptée. "
                                "Motif : ",
                                outcome.after.decision_motif, "\r\n")});
  if (!mailed.ok()) {
    log::Warn("rejection not mailed", {{"account_request_id", std::string(account_request_id)}});
  }
  return outcome.after;
}

}  // namespace ror::auth::app
