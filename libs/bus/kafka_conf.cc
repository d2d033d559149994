#include "libs/bus/kafka_conf.h"

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"

namespace ror::bus {

void KafkaLogBridge::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_ERROR:
      // Broker-down errors repeat while it stays down; librdkafka already backs off between them.
      log::Warn("kafka error", {{"component", component_},
                                {"error", RdKafka::err2str(event.err())},
                                {"detail", event.str()}});
      break;
    case RdKafka::Event::EVENT_LOG:
      if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
        log::Warn("kafka log",
                  {{"component", component_}, {"facility", event.fac()}, {"detail", event.str()}});
      }
      break;
    default:
      break;
  }
}

absl::StatusOr<std::unique_ptr<RdKafka::Conf>> MakeKafkaConf(
    const std::vector<std::pair<std::string, std::string>>& settings, RdKafka::EventCb* events) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [key, value] : settings) {
    if (conf->set(key, value, error) != RdKafka::Conf::CONF_OK) {
      return absl::InvalidArgumentError(absl::StrCat("kafka setting ", key, ": ", error));
    }
  }
  if (events != nullptr && conf->set("event_cb", events, error) != RdKafka::Conf::CONF_OK) {
    return absl::InvalidArgumentError(absl::StrCat("kafka setting event_cb: ", error));
  }
  return conf;
}

}  // namespace ror::bus
