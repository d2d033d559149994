#include "libs/oidc/pending_login.h"

#include "absl/strings/str_cat.h"

namespace ror::oidc {

PendingLoginStore::PendingLoginStore(const Clock& clock, absl::Duration ttl, size_t max_entries)
    : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

void PendingLoginStore::DropExpiredLocked(absl::Time now) {
  for (auto it = by_state_.begin(); it != by_state_.end();) {
    if (now - it->second.created_at > ttl_) {
      by_state_.erase(it++);  // flat_hash_map's erase(iterator) returns void
    } else {
      ++it;
    }
  }
}

absl::Status PendingLoginStore::Put(PendingLogin login) {
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  if (by_state_.size() >= max_entries_) DropExpiredLocked(now);
  if (by_state_.size() >= max_entries_) {
    return absl::ResourceExhaustedError(
        absl::StrCat("oidc: ", max_entries_, " logins already pending; try again later"));
  }
  if (by_state_.contains(login.state)) {
    return absl::AlreadyExistsError("oidc: a login with this state is already pending");
  }
  std::string state = login.state;
  by_state_.emplace(std::move(state), std::move(login));
  return absl::OkStatus();
}

absl::StatusOr<PendingLogin> PendingLoginStore::Take(const std::string& state) {
  const absl::Time now = clock_.Now();
  absl::MutexLock lock(&mu_);
  auto node = by_state_.extract(state);
  if (node.empty()) {
    return absl::UnauthenticatedError(
        "oidc: `state` is unknown or already used: each login can be completed once");
  }
  if (now - node.mapped().created_at > ttl_) {
    return absl::UnauthenticatedError(absl::StrCat(
        "oidc: `state` has expired: a login must be completed within ", absl::FormatDuration(ttl_)));
  }
  return std::move(node.mapped());
}

size_t PendingLoginStore::size() const {
  absl::MutexLock lock(&mu_);
  return by_state_.size();
}

}  // namespace ror::oidc
