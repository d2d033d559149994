#include "libs/server/bus_relay_link.h"

namespace ror::server {

RelayState BusRelayLink::State() const {
  const bus::RelayStats stats = relay_.Stats();
  return RelayState{
      .connected = stats.connected, .head = stats.head, .checkpoint = stats.checkpoint};
}

}  // namespace ror::server
