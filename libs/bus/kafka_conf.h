#pragma once

// What the relay and the subscriber share about talking to librdkafka: building a configuration
// with every error reported, and routing librdkafka's own log lines into ours.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "librdkafka/rdkafkacpp.h"

namespace ror::bus {

// Forwards librdkafka's log and error events to the logging facade, tagged with `component`.
class KafkaLogBridge final : public RdKafka::EventCb {
 public:
  explicit KafkaLogBridge(std::string component) : component_(std::move(component)) {}
  void event_cb(RdKafka::Event& event) override;

 private:
  std::string component_;
};

// A global configuration with every (key, value) set, or INVALID_ARGUMENT naming the key.
absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeKafkaConf(
    const std::vector<std::pair<std::string, std::string>>& settings, RdKafka::EventCb* events);

}  // namespace ror::bus
