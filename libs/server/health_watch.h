#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "libs/eventstore/event_store.h"
#include "libs/server/relay_link.h"

namespace ror::server {

// Decides whether a service may take traffic and publishes each change:
//   serving = the store's Health() is OK  and  every relay has connected once.
// A relay that loses the broker later does not stop the service (events wait in the store), but a
// store that cannot write (disk full, unwritable) does, for as long as it lasts.
class HealthWatch {
 public:
  // `publish(serving, reason)` is called on the first Check() and on every change; `reason` says
  // why the service is not serving ("" when it is).
  using Publish = std::function<void(bool serving, const std::string& reason)>;

  HealthWatch(const eventstore::EventStore& store, std::vector<const RelayLink*> relays,
              absl::Duration interval, Publish publish);
  ~HealthWatch();
  HealthWatch(const HealthWatch&) = delete;
  HealthWatch& operator=(const HealthWatch&) = delete;

  // Evaluates now; returns whether the service is serving.
  bool Check();

  // Checks every `interval` on a thread of its own until Stop().
  void Start();
  void Stop();

 private:
  void Loop();

  const eventstore::EventStore& store_;
  const std::vector<const RelayLink*> relays_;
  const absl::Duration interval_;
  const Publish publish_;

  std::mutex check_mu_;
  std::vector<bool> connected_once_;  // per relay, guarded by check_mu_
  std::optional<bool> published_;     // guarded by check_mu_

  std::mutex loop_mu_;
  std::condition_variable loop_cv_;
  bool stopping_ = false;  // guarded by loop_mu_
  std::thread thread_;
};

}  // namespace ror::server
