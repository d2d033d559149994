// ror-devbroker: a Kafka cluster on loopback for one machine (see DevBroker).
//   ror-devbroker --port 9092 --brokers 1 --topics ror.offre.events.v1:6,ror.lieu.events.v1:6
#include <csignal>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "libs/bus/devbroker.h"
#include "libs/common/log.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "address of the bootstrap listener");
ABSL_FLAG(int, port, 9092, "bootstrap port (0 picks one)");
ABSL_FLAG(int, brokers, 1, "number of mock brokers");
ABSL_FLAG(std::string, topics, "", "topics to create, NAME:PARTITIONS separated by commas");

namespace {
volatile std::sig_atomic_t stop_requested = 0;
void OnSignal(int) { stop_requested = 1; }
}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  ror::log::Init("devbroker");
  ror::bus::DevBrokerOptions options;
  options.host = absl::GetFlag(FLAGS_host);
  options.port = absl::GetFlag(FLAGS_port);
  options.brokers = absl::GetFlag(FLAGS_brokers);
  for (absl::string_view spec :
       absl::StrSplit(absl::GetFlag(FLAGS_topics), ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(spec, absl::MaxSplits(':', 1));
    int partitions = 1;
    if (!parts.second.empty() && (!absl::SimpleAtoi(parts.second, &partitions) || partitions < 1)) {
      ror::log::Error("--topics: partitions must be a positive integer",
                      {{"topic", parts.first}, {"partitions", parts.second}});
      return 2;
    }
    options.topics.emplace_back(parts.first, partitions);
  }
  auto broker = ror::bus::DevBroker::Start(options);
  if (!broker.ok()) {
    ror::log::Error("devbroker failed to start", {{"error", broker.status().ToString()}});
    return 1;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  ror::log::Info("devbroker up",
                 {{"bootstrap", (*broker)->bootstrap()}, {"cluster_id", (*broker)->cluster_id()}});
  while (!stop_requested) absl::SleepFor(absl::Milliseconds(100));
  ror::log::Info("devbroker stopping");
  return 0;
}
