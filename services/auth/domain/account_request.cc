#include "services/auth/domain/account_request.h"

#include <type_traits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/finess/finess_number.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::domain {
namespace {

using Events = std::vector<AccountRequestEvent>;

std::string Trimmed(absl::string_view text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

absl::StatusOr<Events> DecideSubmit(const AccountRequestState& state,
                                    const SubmitAccountRequest& c) {
  if (state.exists()) return Events{};  // the same request id: submitted already
  RETURN_IF_ERROR(ValidateSubmission(c));
  AccountRequested event;
  event.set_account_request_id(c.account_request_id);
  event.set_email(TrimmedEmail(c.email));
  event.set_prenom(Trimmed(c.prenom));
  event.set_nom(Trimmed(c.nom));
  event.set_finess_etablissement(absl::AsciiStrToUpper(Trimmed(c.finess_etablissement)));
  event.set_motif(Trimmed(c.motif));
  *event.mutable_requested_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideDecision(const AccountRequestState& state,
                                      const DecideAccountRequest& c) {
  if (!state.exists()) return absl::NotFoundError("demande de compte introuvable");
  const auto decision = c.approve ? AccountRequestDecided::DECISION_APPROVED
                                  : AccountRequestDecided::DECISION_REJECTED;
  if (state.decided()) {
    if (state.decision == decision) return Events{};
    return absl::FailedPreconditionError(absl::StrCat(
        "cette demande de compte a déjà été ",
        state.decision == AccountRequestDecided::DECISION_APPROVED ? "acceptée" : "refusée"));
  }
  FieldViolations v;
  CheckText("motif", "le motif", c.motif, kMaxMotifLength, /*required=*/!c.approve, v);
  if (!c.approve && Trimmed(c.motif).empty()) {
    // CheckText said "required"; say why for a rejection.
    v = FieldViolations();
    v.Add("motif", "required", "le motif du refus est obligatoire : il est envoyé au demandeur");
  }
  RETURN_IF_ERROR(v.ToStatus());
  AccountRequestDecided event;
  event.set_account_request_id(state.request.account_request_id());
  event.set_decision(decision);
  event.set_motif(Trimmed(c.motif));
  if (c.approve) event.set_account_id(c.account_id);
  *event.mutable_decided_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

}  // namespace

absl::Status ValidateSubmission(const SubmitAccountRequest& c) {
  FieldViolations v;
  CheckEmail("email", c.email, v);
  CheckText("prenom", "le prénom", c.prenom, kMaxNameLength, /*required=*/true, v);
  CheckText("nom", "le nom", c.nom, kMaxNameLength, /*required=*/true, v);
  const std::string finess = absl::AsciiStrToUpper(Trimmed(c.finess_etablissement));
  if (finess.empty()) {
    v.Add("finess_etablissement", "required",
          "le numéro FINESS de l'établissement est obligatoire");
  } else if (std::string error = finess::FinessNumberError(finess); !error.empty()) {
    v.Add("finess_etablissement", "finess", error);
  }
  CheckText("motif", "le motif de la demande", c.motif, kMaxMotifLength, /*required=*/true, v);
  return v.ToStatus();
}

absl::StatusOr<std::vector<AccountRequestEvent>> Decide(const AccountRequestState& state,
                                                        const AccountRequestCommand& command) {
  if (const auto* submit = std::get_if<SubmitAccountRequest>(&command)) {
    return DecideSubmit(state, *submit);
  }
  return DecideDecision(state, std::get<DecideAccountRequest>(command));
}

AccountRequestState Evolve(AccountRequestState state, const AccountRequestEvent& event) {
  if (const auto* requested = std::get_if<AccountRequested>(&event)) {
    state.request = *requested;
  } else {
    const auto& decided = std::get<AccountRequestDecided>(event);
    state.decision = decided.decision();
    state.decision_motif = decided.motif();
    state.account_id = decided.account_id();
    state.decided_at = FromProtoTimestamp(decided.decided_at());
  }
  ++state.version;
  return state;
}

}  // namespace ror::auth::domain
