#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace ror::bus {

struct DevBrokerOptions {
  std::string host = "127.0.0.1";
  int port = 9092;  // 0 picks a free port
  int brokers = 1;
  std::vector<std::pair<std::string, int>> topics;  // name, partitions
};

// A Kafka cluster for one machine: librdkafka's mock cluster (real Kafka protocol, nothing kept
// across restarts) behind a fixed bootstrap port. The mock brokers listen on ports of their own
// choosing; the bootstrap port forwards bytes to the first of them, and clients then follow the
// broker addresses the metadata advertises.
class DevBroker {
 public:
  static absl::StatusOr<std::unique_ptr<DevBroker>> Start(const DevBrokerOptions& options);
  ~DevBroker();

  std::string bootstrap() const;  // "host:port" of the forwarding listener
  int port() const { return port_; }
  std::string cluster_id() const;

  // Takes every broker down (connections closed and refused) or brings them back.
  void SetBrokersDown(bool down);

  absl::Status CreateTopic(const std::string& name, int partitions);

 private:
  DevBroker() = default;
  void AcceptLoop();
  void Pump(int client);

  DevBrokerOptions options_;
  rd_kafka_s* handle_ = nullptr;
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string first_broker_host_;
  int first_broker_port_ = 0;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex connections_mu_;
  std::vector<std::thread> connections_;
  std::vector<int> open_fds_;
};

}  // namespace ror::bus
