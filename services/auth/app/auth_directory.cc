#include "services/auth/app/auth_directory.h"

#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "ror/v1/events/auth_events.pb.h"
#include "services/auth/domain/text_rules.h"

namespace ror::auth::app {
namespace {

constexpr size_t kBatch = 1000;

template <typename Message>
std::optional<Message> Parse(const v1::EventEnvelope& envelope) {
  if (envelope.event_type() != Message::descriptor()->name()) return std::nullopt;
  Message message;
  if (!message.ParseFromString(envelope.payload())) {
    log::Error("directory: payload unreadable", {{"event_id", envelope.event_id()}});
    return std::nullopt;
  }
  return message;
}

}  // namespace

absl::Status AuthDirectory::CatchUp(eventstore::EventStore& store) {
  std::lock_guard lock(mu_);
  while (position_ < store.HeadPosition()) {
    absl::StatusOr<std::vector<v1::EventEnvelope>> events = store.ReadAll(position_ + 1, kBatch);
    if (!events.ok()) return events.status();
    if (events->empty()) break;
    for (const v1::EventEnvelope& envelope : *events) {
      Apply(envelope);
      position_ = envelope.global_position();
    }
  }
  return absl::OkStatus();
}

void AuthDirectory::Apply(const v1::EventEnvelope& envelope) {
  if (auto created = Parse<v1::events::AccountCreated>(envelope)) {
    account_of_email_.emplace(domain::EmailKey(created->email()), created->account_id());
  } else if (auto linked = Parse<v1::events::PscIdentityLinked>(envelope)) {
    account_of_psc_subject_[linked->psc_subject()] = linked->account_id();
  } else if (auto opened = Parse<v1::events::SessionOpened>(envelope)) {
    open_sessions_[opened->account_id()].insert(opened->session_id());
    open_session_[opened->session_id()] = OpenSession{
        .account_id = opened->account_id(), .expires_at = FromProtoTimestamp(opened->expires_at())};
  } else if (auto refreshed = Parse<v1::events::SessionRefreshed>(envelope)) {
    if (auto it = open_session_.find(refreshed->session_id()); it != open_session_.end()) {
      it->second.expires_at = FromProtoTimestamp(refreshed->expires_at());
    }
  } else if (auto revoked = Parse<v1::events::SessionRevoked>(envelope)) {
    revoked_until_[revoked->session_id()] = FromProtoTimestamp(revoked->at()) + horizon_;
    if (auto it = open_session_.find(revoked->session_id()); it != open_session_.end()) {
      open_sessions_[it->second.account_id].erase(revoked->session_id());
      open_session_.erase(it);
    }
  } else if (auto requested = Parse<v1::events::AccountRequested>(envelope)) {
    account_requests_.push_back(requested->account_request_id());
  }
}

std::optional<std::string> AuthDirectory::AccountOfEmail(absl::string_view email) const {
  std::lock_guard lock(mu_);
  auto it = account_of_email_.find(domain::EmailKey(email));
  if (it == account_of_email_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> AuthDirectory::AccountOfPscSubject(absl::string_view psc_subject) const {
  std::lock_guard lock(mu_);
  auto it = account_of_psc_subject_.find(psc_subject);
  if (it == account_of_psc_subject_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> AuthDirectory::OpenSessionsOf(absl::string_view account_id) const {
  std::lock_guard lock(mu_);
  auto it = open_sessions_.find(account_id);
  if (it == open_sessions_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

std::vector<std::pair<std::string, absl::Time>> AuthDirectory::RevokedSessions(
    absl::Time now) const {
  std::lock_guard lock(mu_);
  std::vector<std::pair<std::string, absl::Time>> out;
  for (const auto& [session, until] : revoked_until_) {
    if (until > now) out.emplace_back(session, until);
  }
  return out;
}

void AuthDirectory::ForgetEnded(absl::Time now) {
  std::lock_guard lock(mu_);
  absl::erase_if(revoked_until_, [&](const auto& entry) { return entry.second <= now; });
  for (auto it = open_session_.begin(); it != open_session_.end();) {
    // An expired session can no longer be refreshed; its last tokens die within the horizon.
    if (it->second.expires_at + horizon_ <= now) {
      open_sessions_[it->second.account_id].erase(it->first);
      open_session_.erase(it++);
    } else {
      ++it;
    }
  }
  absl::erase_if(open_sessions_, [](const auto& entry) { return entry.second.empty(); });
}

std::vector<std::string> AuthDirectory::AccountRequests() const {
  std::lock_guard lock(mu_);
  return account_requests_;
}

}  // namespace ror::auth::app
