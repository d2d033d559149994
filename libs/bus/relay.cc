#include "libs/bus/relay.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"
#include "librdkafka/rdkafkacpp.h"
#include "libs/bus/cloudevents.h"
#include "libs/bus/kafka_conf.h"
#include "libs/common/log.h"

namespace ror::bus {
namespace {

constexpr uint64_t kMaxInFlight = 100000;  // events produced and not yet acknowledged
constexpr size_t kReadBatch = 2000;        // events read from the store at a time
constexpr absl::Duration kClusterCheckInterval = absl::Seconds(1);
constexpr absl::Duration kCheckpointInterval = absl::Milliseconds(200);

// Checkpoint value: "<cluster id>\n<position>".
std::string EncodeCheckpoint(absl::string_view cluster_id, uint64_t position) {
  return absl::StrCat(cluster_id, "\n", position);
}

bool DecodeCheckpoint(absl::string_view value, std::string* cluster_id, uint64_t* position) {
  std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(value, absl::MaxSplits('\n', 1));
  *cluster_id = std::string(parts.first);
  return absl::SimpleAtoi(parts.second, position);
}

}  // namespace

// Delivery reports arrive on the relay thread, inside poll() and flush().
class Relay::DeliveryReports final : public RdKafka::DeliveryReportCb {
 public:
  explicit DeliveryReports(Relay& relay) : relay_(relay) {}
  void dr_cb(RdKafka::Message& message) override {
    if (ignore) return;
    relay_.OnDelivered(reinterpret_cast<uintptr_t>(message.msg_opaque()),
                       message.err() == RdKafka::ERR_NO_ERROR, message.errstr());
  }
  bool ignore = false;  // set while a producer is thrown away: its reports mean nothing now

 private:
  Relay& relay_;
};

Relay::Relay(RelayOptions options, eventstore::EventStore& store)
    : options_(std::move(options)),
      store_(store),
      checkpoint_name_(absl::StrCat("relay/", options_.service,
                                    options_.view_name.empty() ? "" : "/", options_.view_name)),
      reports_(std::make_unique<DeliveryReports>(*this)),
      log_bridge_(absl::StrCat("relay-", options_.service)) {}

Relay::~Relay() { Stop(absl::ZeroDuration()); }

void Relay::Start() {
  LoadCheckpoint();
  thread_ = std::thread([this] { Run(); });
}

void Relay::Stop(absl::Duration flush_timeout) {
  if (!thread_.joinable()) return;
  stopping_ = true;
  thread_.join();
  if (producer_) {
    const absl::Time deadline = absl::Now() + flush_timeout;
    while (producer_->outq_len() > 0 && absl::Now() < deadline) producer_->poll(50);
    SaveCheckpoint(/*force=*/true);
    DestroyProducer();
  }
  log::Info("relay stopped", {{"checkpoint", absl::StrCat(Checkpoint())}});
}

RelayStats Relay::Stats() const {
  RelayStats stats;
  stats.head = store_.HeadPosition();
  std::lock_guard lock(mu_);
  stats.checkpoint = checkpoint_;
  stats.connected = connected_;
  stats.cluster_id = cluster_id_;
  stats.republished = republished_;
  stats.rewinds = rewinds_;
  return stats;
}

void Relay::LoadCheckpoint() {
  absl::StatusOr<std::optional<std::string>> saved = store_.GetCheckpoint(checkpoint_name_);
  uint64_t position = 0;
  std::string cluster_id;
  if (!saved.ok()) {
    log::Error("relay cannot read its checkpoint; starting from position 1",
               {{"error", saved.status().ToString()}});
  } else if (saved->has_value() && !DecodeCheckpoint(**saved, &cluster_id, &position)) {
    log::Error("relay checkpoint unreadable; starting from position 1");
    position = 0;
  }
  std::lock_guard lock(mu_);
  checkpoint_ = position;
  cluster_id_ = cluster_id;
  saved_cluster_id_ = cluster_id;
  saved_position_ = position;
  next_to_produce_ = position + 1;
}

void Relay::CreateProducer() {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf = MakeKafkaConf(
      {
          {"bootstrap.servers", options_.bootstrap},
          {"client.id", absl::StrCat("ror-relay-", options_.service)},
          {"enable.idempotence", "true"},
          {"acks", "all"},
          // Never give up on a record: while the broker is down it waits and is retried.
          {"message.timeout.ms", "0"},
          {"queue.buffering.max.messages", absl::StrCat(kMaxInFlight + 1000)},
          {"linger.ms", absl::StrCat(kRelayLingerMs)},
          {"reconnect.backoff.ms", "100"},
          {"reconnect.backoff.max.ms", "2000"},
          {"retry.backoff.ms", "100"},
          {"log_level", "4"},
      },
      &log_bridge_);
  if (!conf.ok()) {
    log::Error("relay misconfigured", {{"error", conf.status().ToString()}});
    std::abort();
  }
  std::string error;
  (*conf)->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(reports_.get()), error);
  producer_.reset(RdKafka::Producer::create(conf->get(), error));
  if (!producer_) {
    log::Error("relay cannot create its producer", {{"error", error}});
    std::abort();
  }
  reports_->ignore = false;
  cluster_known_ = false;
}

void Relay::DestroyProducer() {
  if (!producer_) return;
  reports_->ignore = true;
  producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  producer_->poll(0);
  producer_.reset();
}

// Produces again everything after `after_position` with a fresh producer: whatever the old one
// had in flight may or may not have reached the broker, and consumers drop duplicates.
void Relay::Rewind(uint64_t after_position) {
  DestroyProducer();
  {
    std::lock_guard lock(mu_);
    delivered_.clear();
  }
  next_to_produce_ = after_position + 1;
  rewind_needed_ = false;
  CreateProducer();
}

void Relay::Run() {
  log::Info("relay started", {{"service", options_.service},
                              {"bootstrap", options_.bootstrap},
                              {"checkpoint", absl::StrCat(next_to_produce_ - 1)}});
  CreateProducer();
  while (!stopping_) {
    const absl::Time now = absl::Now();
    if (now - last_cluster_check_ >= kClusterCheckInterval) {
      last_cluster_check_ = now;
      CheckCluster();
    }
    if (rewind_needed_) {
      uint64_t checkpoint;
      {
        std::lock_guard lock(mu_);
        checkpoint = checkpoint_;
        ++rewinds_;
      }
      log::Warn("relay delivery failed; producing again from the checkpoint",
                {{"checkpoint", absl::StrCat(checkpoint)}});
      Rewind(checkpoint);
      continue;
    }
    // Nothing goes out before this producer knows which cluster it talks to, so a new cluster
    // is always noticed before the first record reaches it.
    const bool may_produce = cluster_known_;
    const uint64_t in_flight = next_to_produce_ - 1 - Checkpoint();
    if (may_produce && in_flight < kMaxInFlight && store_.HeadPosition() >= next_to_produce_) {
      ProduceAvailable(kMaxInFlight - in_flight);
      producer_->poll(0);
    } else if (may_produce && in_flight == 0) {
      store_.WaitForPosition(next_to_produce_, absl::Milliseconds(20));
      producer_->poll(0);
    } else {
      producer_->poll(20);
    }
    SaveCheckpoint(/*force=*/false);
  }
}

uint64_t Relay::Checkpoint() const {
  std::lock_guard lock(mu_);
  return checkpoint_;
}

void Relay::ProduceAvailable(uint64_t room_in_flight) {
  const size_t room = std::min<uint64_t>(kReadBatch, room_in_flight);
  absl::StatusOr<std::vector<v1::EventEnvelope>> events = store_.ReadAll(next_to_produce_, room);
  if (!events.ok()) {
    log::Error("relay cannot read the store", {{"error", events.status().ToString()}});
    producer_->poll(100);
    return;
  }
  for (const v1::EventEnvelope& event : *events) {
    const uint64_t position = event.global_position();
    std::optional<OutgoingRecord> record =
        options_.view ? options_.view(event) : EventRecord(event, options_.service);
    if (!record.has_value()) {
      // Nothing to publish for this event in this view: it counts as delivered.
      OnDelivered(position, /*ok=*/true, "");
      next_to_produce_ = position + 1;
      continue;
    }
    RdKafka::Headers* headers = RdKafka::Headers::create();
    for (const auto& [key, value] : record->headers) headers->add(key, value);
    const int64_t timestamp_ms =
        google::protobuf::util::TimeUtil::TimestampToMilliseconds(event.occurred_at());
    RdKafka::ErrorCode err;
    for (;;) {
      err = producer_->produce(
          record->topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
          record->tombstone ? nullptr : const_cast<char*>(record->value.data()),
          record->tombstone ? 0 : record->value.size(), record->key.data(), record->key.size(),
          timestamp_ms, headers, reinterpret_cast<void*>(position));
      if (err != RdKafka::ERR__QUEUE_FULL || stopping_) break;
      producer_->poll(10);
    }
    if (err != RdKafka::ERR_NO_ERROR) {
      delete headers;  // produce() keeps the headers only when it succeeds
      if (!stopping_) {
        log::Error("relay cannot produce",
                   {{"event_id", event.event_id()}, {"error", RdKafka::err2str(err)}});
        rewind_needed_ = true;
      }
      return;
    }
    next_to_produce_ = position + 1;
  }
}

void Relay::OnDelivered(uint64_t position, bool ok, const std::string& error) {
  if (!ok) {
    log::Warn("relay delivery report failed",
              {{"position", absl::StrCat(position)}, {"error", error}});
    rewind_needed_ = true;
    return;
  }
  std::lock_guard lock(mu_);
  if (position <= checkpoint_) return;
  delivered_.insert(position);
  // Contiguous only: a hole below means an earlier record is still in flight.
  while (!delivered_.empty() && *delivered_.begin() == checkpoint_ + 1) {
    delivered_.erase(delivered_.begin());
    ++checkpoint_;
  }
}

void Relay::CheckCluster() {
  RdKafka::Metadata* metadata = nullptr;
  const RdKafka::ErrorCode err = producer_->metadata(false, nullptr, &metadata, 500);
  delete metadata;
  if (err != RdKafka::ERR_NO_ERROR) {
    std::lock_guard lock(mu_);
    if (connected_) log::Warn("relay lost the broker", {{"error", RdKafka::err2str(err)}});
    connected_ = false;
    return;
  }
  const std::string cluster_id = producer_->clusterid(0);
  if (cluster_id.empty()) return;
  bool republish = false;
  {
    std::lock_guard lock(mu_);
    if (!connected_) log::Info("relay connected", {{"cluster_id", cluster_id}});
    connected_ = true;
    if (cluster_id_.empty()) {
      cluster_id_ = cluster_id;
    } else if (cluster_id_ != cluster_id) {
      log::Warn("relay sees a new Kafka cluster; publishing every event again",
                {{"previous_cluster_id", cluster_id_}, {"cluster_id", cluster_id}});
      cluster_id_ = cluster_id;
      checkpoint_ = 0;
      ++republished_;
      republish = true;
    }
  }
  if (republish) {
    Rewind(0);
    SaveCheckpoint(/*force=*/true);
    // The fresh producer learns the id on its own first metadata answer.
    last_cluster_check_ = absl::InfinitePast();
    return;
  }
  cluster_known_ = true;
}

void Relay::SaveCheckpoint(bool force) {
  const absl::Time now = absl::Now();
  if (!force && now - last_save_ < kCheckpointInterval) return;
  last_save_ = now;
  uint64_t position;
  std::string cluster_id;
  {
    std::lock_guard lock(mu_);
    position = checkpoint_;
    cluster_id = cluster_id_;
  }
  if (position == saved_position_ && cluster_id == saved_cluster_id_) return;
  if (absl::Status s =
          store_.PutCheckpoint(checkpoint_name_, EncodeCheckpoint(cluster_id, position));
      !s.ok()) {
    log::Error("relay cannot save its checkpoint", {{"error", s.ToString()}});
    return;
  }
  saved_position_ = position;
  saved_cluster_id_ = cluster_id;
}

}  // namespace ror::bus
