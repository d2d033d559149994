#include "libs/bus/subscriber.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "librdkafka/rdkafkacpp.h"
#include "libs/bus/cloudevents.h"
#include "libs/bus/kafka_conf.h"
#include "libs/common/log.h"

namespace ror::bus {
namespace {

constexpr absl::string_view kClusterIdKey = "cluster_id";
constexpr uint64_t kMaxBatch = 2000;  // records per WriteBatch
constexpr absl::Duration kMaxBatchDelay = absl::Milliseconds(20);
constexpr absl::Duration kClusterCheckInterval = absl::Seconds(1);
constexpr absl::Duration kRetryDelay = absl::Seconds(1);
constexpr absl::Duration kLagRefresh = absl::Seconds(1);
constexpr absl::Duration kLagRefreshWhileApplying = absl::Milliseconds(100);

Headers ReadHeaders(RdKafka::Message& message) {
  Headers out;
  RdKafka::Headers* headers = message.headers();
  if (headers == nullptr) return out;
  for (const RdKafka::Headers::Header& h : headers->get_all()) {
    out.emplace_back(h.key(),
                     h.value() == nullptr
                         ? std::string()
                         : std::string(static_cast<const char*>(h.value()), h.value_size()));
  }
  return out;
}

void FreePartitions(std::vector<RdKafka::TopicPartition*>& partitions) {
  RdKafka::TopicPartition::destroy(partitions);
  partitions.clear();
}

}  // namespace

// Assignments arrive on the subscriber thread, inside consume().
class Subscriber::Rebalance final : public RdKafka::RebalanceCb {
 public:
  explicit Rebalance(Subscriber& subscriber) : subscriber_(subscriber) {}
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override {
    // What was applied from the partitions we had is committed before they change hands.
    if (absl::Status s = subscriber_.Flush(); !s.ok()) {
      log::Error("subscriber cannot commit before a rebalance", {{"error", s.ToString()}});
      subscriber_.pending_.reset();
    }
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      subscriber_.AssignStored(*consumer, partitions);
    } else {
      consumer->unassign();
    }
  }

 private:
  Subscriber& subscriber_;
};

Subscriber::Subscriber(SubscriberOptions options, ProjectionDb& db, Projection& projection)
    : options_(std::move(options)),
      db_(db),
      projection_(projection),
      rebalance_(std::make_unique<Rebalance>(*this)),
      log_bridge_(absl::StrCat("subscriber-", options_.name)) {}

Subscriber::~Subscriber() { Stop(); }

void Subscriber::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Subscriber::Stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  thread_.join();
}

SubscriberStats Subscriber::Stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Subscriber::AssignStored(RdKafka::KafkaConsumer& consumer,
                              std::vector<RdKafka::TopicPartition*>& partitions) {
  for (RdKafka::TopicPartition* p : partitions) {
    absl::StatusOr<std::optional<int64_t>> offset = db_.Offset(p->topic(), p->partition());
    if (!offset.ok()) {
      // Reading from the start is always safe: versions already applied are skipped.
      log::Error("subscriber cannot read an offset; reading the partition from the start",
                 {{"topic", p->topic()}, {"error", offset.status().ToString()}});
    }
    p->set_offset(offset.ok() && offset->has_value() ? **offset + 1
                                                     : RdKafka::Topic::OFFSET_BEGINNING);
  }
  if (RdKafka::ErrorCode err = consumer.assign(partitions); err != RdKafka::ERR_NO_ERROR) {
    log::Error("subscriber cannot assign partitions", {{"error", RdKafka::err2str(err)}});
  }
}

void Subscriber::ReassignFromStore() {
  std::vector<RdKafka::TopicPartition*> partitions;
  if (consumer_->assignment(partitions) == RdKafka::ERR_NO_ERROR && !partitions.empty()) {
    AssignStored(*consumer_, partitions);
  }
  FreePartitions(partitions);
}

void Subscriber::Run() {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf = MakeKafkaConf(
      {
          {"bootstrap.servers", options_.bootstrap},
          {"group.id", options_.group_id},
          {"client.id", absl::StrCat("ror-subscriber-", options_.name)},
          {"enable.auto.commit", "false"},
          {"enable.auto.offset.store", "false"},
          {"auto.offset.reset", "earliest"},
          // An idle fetch returns after this long: the bound on event-to-projection latency
          // (librdkafka's default of 500 ms alone would take half the search's 1 s).
          {"fetch.wait.max.ms", "20"},
          // A restarted instance gets its partitions back quickly after a crash.
          {"session.timeout.ms", "6000"},
          {"heartbeat.interval.ms", "500"},
          {"reconnect.backoff.ms", "100"},
          {"reconnect.backoff.max.ms", "2000"},
          {"log_level", "4"},
      },
      &log_bridge_);
  if (!conf.ok()) {
    log::Error("subscriber misconfigured", {{"error", conf.status().ToString()}});
    std::abort();
  }
  std::string error;
  (*conf)->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(rebalance_.get()), error);
  consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), error));
  if (!consumer_) {
    log::Error("subscriber cannot create its consumer", {{"error", error}});
    std::abort();
  }
  // Rows must never mix two clusters: learn which one this is before reading anything.
  while (!stopping_ && !CheckCluster()) absl::SleepFor(absl::Milliseconds(200));
  if (!stopping_) {
    if (RdKafka::ErrorCode err = consumer_->subscribe(options_.topics);
        err != RdKafka::ERR_NO_ERROR) {
      log::Error("subscriber cannot subscribe", {{"error", RdKafka::err2str(err)}});
    }
    log::Info("subscriber started", {{"name", options_.name}, {"group", options_.group_id}});
  }
  while (!stopping_) {
    const absl::Time now = absl::Now();
    if (now - last_cluster_check_ >= kClusterCheckInterval) CheckCluster();
    if (now - last_lag_update_ >= kLagRefresh) UpdateLag();
    int timeout_ms = 100;
    if (pending_) {
      timeout_ms = static_cast<int>(std::clamp<int64_t>(
          absl::ToInt64Milliseconds(pending_since_ + kMaxBatchDelay - now), 0, 100));
    }
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(timeout_ms));
    if (message) Handle(*message);
    if (pending_ &&
        (PendingRecords() >= kMaxBatch || absl::Now() - pending_since_ >= kMaxBatchDelay)) {
      if (absl::Status s = Flush(); !s.ok()) RecoverFromError(s);
    }
  }
  if (absl::Status s = Flush(); !s.ok()) {
    log::Error("subscriber cannot commit on stop", {{"error", s.ToString()}});
  }
  consumer_->close();
  consumer_.reset();
  log::Info("subscriber stopped", {{"name", options_.name}});
}

void Subscriber::Handle(RdKafka::Message& message) {
  switch (message.err()) {
    case RdKafka::ERR_NO_ERROR:
      break;
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
      return;
    default:
      log::Warn("subscriber consume error", {{"error", message.errstr()}});
      return;
  }
  if (!pending_) {
    pending_ = std::make_unique<ProjectionWrite>(db_);
    pending_applied_ = 0;
    pending_duplicates_ = 0;
    pending_gaps_ = 0;
    pending_rejected_ = 0;
    pending_gap_streams_.clear();
    pending_since_ = absl::Now();
  }
  const absl::string_view value(static_cast<const char*>(message.payload()), message.len());
  absl::StatusOr<v1::EventEnvelope> event = FromCloudEvent(ReadHeaders(message), value);
  if (!event.ok()) {
    log::Warn("subscriber skips a record that is not a ROR event",
              {{"topic", message.topic_name()}, {"error", event.status().ToString()}});
    ++pending_rejected_;
  } else {
    absl::StatusOr<int64_t> applied = pending_->AppliedVersion(event->stream_id());
    if (!applied.ok()) {
      RecoverFromError(applied.status());
      return;
    }
    if (event->stream_version() <= *applied) {
      ++pending_duplicates_;
    } else if (event->stream_version() == *applied + 1) {
      if (absl::Status s = projection_.Apply(*event, *pending_); !s.ok()) {
        RecoverFromError(s);
        return;
      }
      pending_->SetAppliedVersion(event->stream_id(), event->stream_version());
      ++pending_applied_;
    } else {
      // An earlier version is missing here; the relay produces it again after a failed delivery.
      // Said once per stream and batch: a trimmed topic yields a gap for every later record.
      if (pending_gap_streams_.insert(event->stream_id()).second) {
        log::Warn("subscriber sees a version gap; waiting for the relay to resend",
                  {{"stream_id", event->stream_id()},
                   {"event_id", event->event_id()},
                   {"applied", absl::StrCat(*applied)},
                   {"received", absl::StrCat(event->stream_version())}});
      }
      ++pending_gaps_;
    }
  }
  pending_->SetOffset(message.topic_name(), message.partition(), message.offset());
}

uint64_t Subscriber::PendingRecords() const {
  return pending_applied_ + pending_duplicates_ + pending_gaps_ + pending_rejected_;
}

absl::Status Subscriber::Flush() {
  if (!pending_) return absl::OkStatus();
  // A reader of the rows (the search indexer) decides from the lag whether more are coming: it
  // is fresh before the rows it describes are visible, not a second late.
  if (absl::Now() - last_lag_update_ >= kLagRefreshWhileApplying) UpdateLag();
  if (absl::Status s = db_.Commit(*pending_); !s.ok()) return s;
  std::lock_guard lock(mu_);
  stats_.applied += pending_applied_;
  stats_.duplicates += pending_duplicates_;
  stats_.gaps += pending_gaps_;
  stats_.rejected += pending_rejected_;
  pending_.reset();
  return absl::OkStatus();
}

void Subscriber::RecoverFromError(const absl::Status& status) {
  log::Error("subscriber failed; reading again from the committed offsets",
             {{"name", options_.name}, {"error", status.ToString()}});
  pending_.reset();
  for (absl::Time until = absl::Now() + kRetryDelay; !stopping_ && absl::Now() < until;) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ReassignFromStore();
}

void Subscriber::Rebuild(const std::string& cluster_id) {
  pending_.reset();
  if (absl::Status s = db_.Clear(); !s.ok()) {
    RecoverFromError(s);
    return;
  }
  if (absl::Status s = db_.PutMeta(kClusterIdKey, cluster_id); !s.ok()) {
    RecoverFromError(s);
    return;
  }
  {
    std::lock_guard lock(mu_);
    ++stats_.rebuilds;
  }
  log::Info("subscriber rebuilds its projection from the beginning",
            {{"name", options_.name}, {"cluster_id", cluster_id}});
  ReassignFromStore();
}

bool Subscriber::CheckCluster() {
  last_cluster_check_ = absl::Now();
  RdKafka::Metadata* metadata = nullptr;
  const RdKafka::ErrorCode err = consumer_->metadata(false, nullptr, &metadata, 500);
  delete metadata;
  const std::string cluster_id = err == RdKafka::ERR_NO_ERROR ? consumer_->clusterid(0) : "";
  {
    std::lock_guard lock(mu_);
    stats_.connected = !cluster_id.empty();
    if (!cluster_id.empty()) stats_.cluster_id = cluster_id;
  }
  if (cluster_id.empty()) return false;
  absl::StatusOr<std::optional<std::string>> known = db_.Meta(kClusterIdKey);
  if (!known.ok()) {
    log::Error("subscriber cannot read its cluster id", {{"error", known.status().ToString()}});
    return false;
  }
  if (!known->has_value()) {
    if (absl::Status s = db_.PutMeta(kClusterIdKey, cluster_id); !s.ok()) return false;
  } else if (**known != cluster_id) {
    log::Warn("subscriber sees a new Kafka cluster",
              {{"previous_cluster_id", **known}, {"cluster_id", cluster_id}});
    Rebuild(cluster_id);
  }
  return true;
}

void Subscriber::UpdateLag() {
  std::vector<RdKafka::TopicPartition*> partitions;
  int64_t lag = 0;
  bool known = false;
  if (consumer_->assignment(partitions) == RdKafka::ERR_NO_ERROR && !partitions.empty()) {
    known = true;
    consumer_->position(partitions);
    for (RdKafka::TopicPartition* p : partitions) {
      int64_t low = 0, high = 0;
      if (consumer_->get_watermark_offsets(p->topic(), p->partition(), &low, &high) !=
              RdKafka::ERR_NO_ERROR ||
          high < 0) {
        known = false;  // not fetched yet
        continue;
      }
      const int64_t position = p->offset() >= 0 ? p->offset() : low;
      lag += std::max<int64_t>(0, high - std::max(position, low));
    }
  }
  FreePartitions(partitions);
  // Until every partition has been fetched once, computed again at the next batch, not a second
  // later.
  last_lag_update_ = known ? absl::Now() : absl::InfinitePast();
  std::lock_guard lock(mu_);
  stats_.lag = lag;
  stats_.lag_known = known;
}

}  // namespace ror::bus
