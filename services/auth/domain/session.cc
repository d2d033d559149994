#include "services/auth/domain/session.h"

#include <algorithm>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"

namespace ror::auth::domain {
namespace {

using Events = std::vector<SessionEvent>;

SessionRevoked Revoked(const SessionState& state, SessionRevoked::Reason reason, absl::Time now) {
  SessionRevoked event;
  event.set_session_id(state.session_id);
  event.set_reason(reason);
  *event.mutable_at() = ToProtoTimestamp(now);
  return event;
}

absl::StatusOr<Events> DecideOpen(const SessionState& state, const OpenSession& c) {
  if (state.exists()) {
    if (state.account_id == c.account_id) return Events{};
    return absl::AlreadyExistsError(absl::StrCat("la session ", state.session_id, " existe déjà"));
  }
  SessionOpened event;
  event.set_session_id(c.session_id);
  event.set_account_id(c.account_id);
  event.set_refresh_token_hash(c.refresh_token_hash);
  *event.mutable_expires_at() = ToProtoTimestamp(c.expires_at);
  *event.mutable_opened_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideRefresh(const SessionState& state, const RefreshSession& c) {
  if (!state.exists()) return absl::UnauthenticatedError(kInvalidRefreshToken);
  if (state.refresh_token_hash == c.new_hash) return Events{};  // done already
  const bool current = !c.presented_hash.empty() && state.refresh_token_hash == c.presented_hash;
  const bool retired = std::find(state.retired_hashes.begin(), state.retired_hashes.end(),
                                 c.presented_hash) != state.retired_hashes.end();
  if (!current && !retired) return absl::UnauthenticatedError(kInvalidRefreshToken);
  if (state.revoked) return Events{};  // the caller sees the session ended
  if (retired) return Events{Revoked(state, SessionRevoked::REASON_REFRESH_TOKEN_REUSED, c.now)};
  if (c.now >= state.expires_at) return absl::UnauthenticatedError(kInvalidRefreshToken);
  SessionRefreshed event;
  event.set_session_id(state.session_id);
  event.set_refresh_token_hash(c.new_hash);
  *event.mutable_expires_at() = ToProtoTimestamp(c.expires_at);
  *event.mutable_at() = ToProtoTimestamp(c.now);
  return Events{std::move(event)};
}

absl::StatusOr<Events> DecideRevoke(const SessionState& state, const RevokeSession& c) {
  if (!state.exists()) return absl::NotFoundError("session introuvable");
  if (state.revoked) return Events{};
  return Events{Revoked(state, c.reason, c.now)};
}

}  // namespace

absl::StatusOr<std::vector<SessionEvent>> Decide(const SessionState& state,
                                                 const SessionCommand& command) {
  return std::visit(
      [&](const auto& c) -> absl::StatusOr<Events> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, OpenSession>) {
          return DecideOpen(state, c);
        } else if constexpr (std::is_same_v<C, RefreshSession>) {
          return DecideRefresh(state, c);
        } else {
          return DecideRevoke(state, c);
        }
      },
      command);
}

SessionState Evolve(SessionState state, const SessionEvent& event) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, SessionOpened>) {
          state.session_id = e.session_id();
          state.account_id = e.account_id();
          state.refresh_token_hash = e.refresh_token_hash();
          state.opened_at = FromProtoTimestamp(e.opened_at());
          state.expires_at = FromProtoTimestamp(e.expires_at());
        } else if constexpr (std::is_same_v<E, SessionRefreshed>) {
          state.retired_hashes.push_back(std::move(state.refresh_token_hash));
          state.refresh_token_hash = e.refresh_token_hash();
          state.expires_at = FromProtoTimestamp(e.expires_at());
        } else {
          state.revoked = true;
          state.revoke_reason = e.reason();
          state.revoked_at = FromProtoTimestamp(e.at());
        }
      },
      event);
  ++state.version;
  return state;
}

}  // namespace ror::auth::domain
