#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "libs/bus/cloudevents.h"
#include "libs/bus/kafka_conf.h"
#include "libs/eventstore/event_store.h"

namespace RdKafka {
class Producer;
}

namespace ror::bus {

// How long the relay's producer lets records gather before sending (librdkafka linger.ms).
inline constexpr int kRelayLingerMs = 5;

struct RelayOptions {
  std::string service;    // ce_source "/ror/<service>"; also names the checkpoint
  std::string bootstrap;  // Kafka bootstrap servers
  // Another view of the same log (e.g. the public topic): its own checkpoint name and the record,
  // if any, each event becomes. Unset: every event, whole, on its category's topic.
  std::string view_name = "";
  std::function<std::optional<OutgoingRecord>(const v1::EventEnvelope&)> view = nullptr;
};

struct RelayStats {
  uint64_t checkpoint = 0;  // every event up to here is acknowledged by the broker
  uint64_t head = 0;        // last event in the store
  bool connected = false;   // the broker answered the last cluster check
  std::string cluster_id;
  uint64_t republished = 0;  // times a new cluster made the relay start again from position 1
  uint64_t rewinds = 0;      // times a failed delivery made it produce again from the checkpoint
};

// Tails the store's global log and produces every event to ror.<category>.events.v1 with the
// idempotent producer, key = stream id, CloudEvents headers. The checkpoint (kept in the store
// under "relay/<service>") advances only over contiguous delivery reports, so a crash republishes
// at most what was in flight and never skips; consumers drop what they already applied by stream
// version. Kept with the broker's cluster id: when the broker is new (its id changed, as after
// `./ror down && ./ror up` with the devbroker), the relay publishes everything again from
// position 1. While the broker is down, librdkafka keeps the records and reconnects with back-off.
class Relay {
 public:
  Relay(RelayOptions options, eventstore::EventStore& store);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void Start();
  // Stops producing, waits at most `flush_timeout` for what is in flight, saves the checkpoint.
  void Stop(absl::Duration flush_timeout = absl::Seconds(10));

  RelayStats Stats() const;

 private:
  class DeliveryReports;

  void Run();
  void CreateProducer();
  void DestroyProducer();
  void Rewind(uint64_t after_position);
  // Produces what the store holds past next_to_produce_, at most `room_in_flight` events.
  void ProduceAvailable(uint64_t room_in_flight);
  uint64_t Checkpoint() const;
  void OnDelivered(uint64_t position, bool ok, const std::string& error);
  void CheckCluster();
  void SaveCheckpoint(bool force);
  void LoadCheckpoint();

  const RelayOptions options_;
  eventstore::EventStore& store_;
  const std::string checkpoint_name_;
  std::unique_ptr<DeliveryReports> reports_;
  KafkaLogBridge log_bridge_;
  std::unique_ptr<RdKafka::Producer> producer_;

  std::atomic<bool> stopping_{false};
  std::thread thread_;

  // Owned by the relay thread.
  uint64_t next_to_produce_ = 1;
  bool rewind_needed_ = false;
  bool cluster_known_ = false;  // the current producer has seen the broker's cluster id
  absl::Time last_cluster_check_ = absl::InfinitePast();
  absl::Time last_save_ = absl::InfinitePast();
  uint64_t saved_position_ = UINT64_MAX;
  std::string saved_cluster_id_;

  mutable std::mutex mu_;  // guards what Stats() reads
  uint64_t checkpoint_ = 0;
  std::set<uint64_t> delivered_;  // acknowledged positions above the checkpoint
  std::string cluster_id_;
  bool connected_ = false;
  uint64_t republished_ = 0;
  uint64_t rewinds_ = 0;
};

}  // namespace ror::bus
