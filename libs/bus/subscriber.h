#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/bus/kafka_conf.h"
#include "libs/bus/projection_db.h"
#include "ror/v1/envelope.pb.h"

namespace RdKafka {
class KafkaConsumer;
class Message;
class TopicPartition;
}  // namespace RdKafka

namespace ror::bus {

// What a service does with each event: adds the rows it implies to `write`. Called once per event,
// in stream order, never twice for the same (stream, version). An error stops the batch; it is
// retried from the last committed offsets after a pause.
class Projection {
 public:
  virtual ~Projection() = default;
  virtual absl::Status Apply(const v1::EventEnvelope& event, ProjectionWrite& write) = 0;
};

struct SubscriberOptions {
  std::string name;       // for logs and metrics
  std::string bootstrap;  // Kafka bootstrap servers
  std::string group_id;   // consumer group; instances of one service share the partitions
  std::vector<std::string> topics;
};

struct SubscriberStats {
  uint64_t applied = 0;     // events given to the projection and committed
  uint64_t duplicates = 0;  // events at or below the stream's applied version, skipped
  uint64_t gaps = 0;        // events past a missing version, left for the relay to resend
  uint64_t rejected = 0;    // records that are not our events (bad headers)
  uint64_t rebuilds = 0;    // times the projection was emptied and read again from the start
  int64_t lag = 0;          // records on the assigned partitions not yet consumed
  bool lag_known = false;   // every assigned partition fetched once: `lag` counts them all
  bool connected = false;
  std::string cluster_id;
};

// Consumes our topics into a projection exactly once: auto-commit is off and the offsets live in
// the projection's own WriteBatch, so rows and offsets are committed together; events at or below
// the stream version already applied are skipped. When the cluster is new (its id differs from
// the one the rows came from), the projection is emptied and rebuilt from the beginning of the
// topics, which the relays republish.
class Subscriber {
 public:
  Subscriber(SubscriberOptions options, ProjectionDb& db, Projection& projection);
  ~Subscriber();
  Subscriber(const Subscriber&) = delete;
  Subscriber& operator=(const Subscriber&) = delete;

  void Start();
  void Stop();

  SubscriberStats Stats() const;

 private:
  class Rebalance;

  void Run();
  void Handle(RdKafka::Message& message);
  absl::Status Flush();
  // Records handled since the batch began, whatever became of them.
  uint64_t PendingRecords() const;
  // Positions `partitions` after their committed offsets (or at the start) and assigns them.
  void AssignStored(RdKafka::KafkaConsumer& consumer,
                    std::vector<RdKafka::TopicPartition*>& partitions);
  void ReassignFromStore();
  void Rebuild(const std::string& cluster_id);
  // True once the broker answered; rebuilds when its cluster id is not the rows' one.
  bool CheckCluster();
  void UpdateLag();
  // Drops the uncommitted batch and, after a pause, reads again from the committed offsets.
  void RecoverFromError(const absl::Status& status);

  const SubscriberOptions options_;
  ProjectionDb& db_;
  Projection& projection_;
  std::unique_ptr<Rebalance> rebalance_;
  KafkaLogBridge log_bridge_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;

  // Owned by the subscriber thread.
  std::unique_ptr<ProjectionWrite> pending_;
  uint64_t pending_applied_ = 0;
  uint64_t pending_duplicates_ = 0;
  uint64_t pending_gaps_ = 0;
  uint64_t pending_rejected_ = 0;
  absl::flat_hash_set<std::string> pending_gap_streams_;
  absl::Time pending_since_ = absl::InfinitePast();
  absl::Time last_cluster_check_ = absl::InfinitePast();
  absl::Time last_lag_update_ = absl::InfinitePast();

  mutable std::mutex mu_;
  SubscriberStats stats_;
};

}  // namespace ror::bus
