#include "libs/server/health_watch.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace ror::server {

HealthWatch::HealthWatch(const eventstore::EventStore& store, std::vector<const RelayLink*> relays,
                         absl::Duration interval, Publish publish)
    : store_(store),
      relays_(std::move(relays)),
      interval_(interval),
      publish_(std::move(publish)),
      connected_once_(relays_.size(), false) {}

HealthWatch::~HealthWatch() { Stop(); }

bool HealthWatch::Check() {
  std::lock_guard lock(check_mu_);
  std::string reason;
  if (absl::Status store = store_.Health(); !store.ok()) {
    reason = absl::StrCat("event store unhealthy: ", store.ToString());
  } else {
    for (size_t i = 0; i < relays_.size() && reason.empty(); ++i) {
      if (!connected_once_[i]) connected_once_[i] = relays_[i]->State().connected;
      if (!connected_once_[i]) {
        reason = absl::StrCat("relay ", relays_[i]->view(), " not connected to Kafka yet");
      }
    }
  }
  const bool serving = reason.empty();
  if (!published_.has_value() || *published_ != serving) {
    published_ = serving;
    publish_(serving, reason);
  }
  return serving;
}

void HealthWatch::Start() {
  std::lock_guard lock(loop_mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void HealthWatch::Stop() {
  {
    std::lock_guard lock(loop_mu_);
    stopping_ = true;
  }
  loop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void HealthWatch::Loop() {
  std::unique_lock lock(loop_mu_);
  while (!stopping_) {
    lock.unlock();
    Check();
    lock.lock();
    loop_cv_.wait_for(lock, absl::ToChronoNanoseconds(interval_), [this] { return stopping_; });
  }
}

}  // namespace ror::server
