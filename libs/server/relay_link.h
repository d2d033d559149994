#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace ror::server {

// What the bootstrap needs from a service's relay (libs/bus): whether it reached the broker, how
// far behind the store it is, and a way to flush it at shutdown. An interface so that tests and
// tools run the server without Kafka; BusRelayLink adapts the real bus::Relay.
struct RelayState {
  bool connected = false;   // the broker answered with its cluster id
  uint64_t head = 0;        // last event in the store
  uint64_t checkpoint = 0;  // every event up to here is acknowledged by the broker
};

class RelayLink {
 public:
  virtual ~RelayLink() = default;
  virtual RelayState State() const = 0;
  // Which view of the store it publishes ("full", "public"): the label of its metrics.
  virtual std::string view() const = 0;
  // Stops producing and waits at most `flush_timeout` for the events in flight.
  virtual void Stop(absl::Duration flush_timeout) = 0;
};

}  // namespace ror::server
