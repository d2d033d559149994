#pragma once

#include <string>
#include <utility>

#include "libs/bus/relay.h"
#include "libs/server/relay_link.h"

namespace ror::server {

// The real relay behind the RelayLink the server watches. Does not own the relay.
class BusRelayLink final : public RelayLink {
 public:
  BusRelayLink(bus::Relay& relay, std::string view) : relay_(relay), view_(std::move(view)) {}

  RelayState State() const override;
  std::string view() const override { return view_; }
  void Stop(absl::Duration flush_timeout) override { relay_.Stop(flush_timeout); }

 private:
  bus::Relay& relay_;
  const std::string view_;
};

}  // namespace ror::server
