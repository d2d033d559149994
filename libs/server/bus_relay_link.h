#pragma once

#include "libs/bus/relay.h"
#include "libs/server/relay_link.h"

namespace ror::server {

// The real relay behind the RelayLink the server watches. Does not own the relay.
class BusRelayLink final : public RelayLink {
 public:
  explicit BusRelayLink(bus::Relay& relay) : relay_(relay) {}

  RelayState State() const override;
  void Stop(absl::Duration flush_timeout) override { relay_.Stop(flush_timeout); }

 private:
  bus::Relay& relay_;
};

}  // namespace ror::server
