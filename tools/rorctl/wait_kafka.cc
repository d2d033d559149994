// rorctl wait-kafka --bootstrap H:P [--timeout 20s]
// Asks Kafka for its metadata until a broker answers; exit 1 on timeout.
#include <algorithm>
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "librdkafka/rdkafkacpp.h"
#include "tools/rorctl/commands.h"

namespace ror::rorctl {

int WaitKafka(const Args& args) {
  constexpr char kCommand[] = "wait-kafka";
  if (absl::Status known = args.CheckKnown({"bootstrap", "timeout"}); !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> bootstrap = args.Required("bootstrap");
  if (!bootstrap.ok()) return UsageError(kCommand, bootstrap.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(20));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());

  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  if (conf->set("bootstrap.servers", *bootstrap, error) != RdKafka::Conf::CONF_OK ||
      conf->set("log_level", "0", error) != RdKafka::Conf::CONF_OK ||  // retries are expected
      conf->set("client.id", "rorctl", error) != RdKafka::Conf::CONF_OK) {
    return UsageError(kCommand, absl::InvalidArgumentError(
                                    absl::StrCat("configuration Kafka refusée : ", error)));
  }
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), error));
  if (producer == nullptr) {
    return Failed(kCommand, absl::InternalError(absl::StrCat("client Kafka : ", error)));
  }

  const absl::Time deadline = absl::Now() + *timeout;
  std::string last = "aucune réponse";
  while (true) {
    const int wait_ms = static_cast<int>(
        std::clamp<int64_t>(absl::ToInt64Milliseconds(deadline - absl::Now()), 100, 2000));
    RdKafka::Metadata* raw = nullptr;
    const RdKafka::ErrorCode code = producer->metadata(false, nullptr, &raw, wait_ms);
    std::unique_ptr<RdKafka::Metadata> metadata(raw);
    if (code == RdKafka::ERR_NO_ERROR && metadata != nullptr && !metadata->brokers()->empty()) {
      std::fprintf(stderr, "rorctl wait-kafka : Kafka répond sur %s (%zu broker(s))\n",
                   bootstrap->c_str(), metadata->brokers()->size());
      return kExitOk;
    }
    last = RdKafka::err2str(code);
    if (absl::Now() >= deadline) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  std::fprintf(stderr, "rorctl wait-kafka : Kafka ne répond pas sur %s après %s (%s)\n",
               bootstrap->c_str(), absl::FormatDuration(*timeout).c_str(), last.c_str());
  return kExitFailed;
}

}  // namespace ror::rorctl
