#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"
#include "grpcpp/support/server_interceptor.h"
#include "libs/eventstore/event_store.h"
#include "libs/server/health_watch.h"
#include "libs/server/metrics.h"
#include "libs/server/relay_link.h"

namespace ror::server {

struct ServerOptions {
  std::string name;                          // the service, e.g. "offre" (logs)
  std::vector<std::string> health_services;  // e.g. {"ror.v1.OffreService"}; "" is always served
  std::string host = "0.0.0.0";
  int port = 0;  // 0 picks a free port, see Server::port()
  std::string metrics_host = "0.0.0.0";
  int metrics_port = -1;  // -1: no metrics endpoint; 0 picks a free port
  absl::Duration health_interval = absl::Milliseconds(200);
  absl::Duration drain_timeout = absl::Seconds(5);         // in-flight RPCs, then cancelled
  absl::Duration relay_flush_timeout = absl::Seconds(10);  // events in flight to Kafka
  // Run on every call before the RPC metrics, in this order (the authz interceptor); not owned.
  std::vector<grpc::experimental::ServerInterceptorFactoryInterface*> interceptors = {};
};

// The bootstrap every service uses: a gRPC server with the standard health service
// (grpc.health.v1, NOT_SERVING until HealthWatch says otherwise), server reflection, RPC metrics
// and the relay's lag gauges on Metrics, and an orderly shutdown:
//   health NOT_SERVING -> gRPC drain (deadline) -> relay flush -> (the caller closes the store).
// Typical main():
//   server::BlockShutdownSignals();
//   ... open the store, start the relay, build the services ...
//   ASSIGN_OR_RETURN(auto server, server::Server::Start(options, {&api}, store, {&relay},
//   metrics)); server::WaitForShutdownSignal(); server->Shutdown();
class Server {
 public:
  // `services`, `store`, `relays` (one per view the service publishes; none without Kafka, e.g.
  // tests) and `metrics` are not owned and must outlive the server. Serves metrics on
  // options.metrics_port when it is >= 0, each relay's gauges labelled with its view.
  static absl::StatusOr<std::unique_ptr<Server>> Start(const ServerOptions& options,
                                                       const std::vector<grpc::Service*>& services,
                                                       const eventstore::EventStore& store,
                                                       std::vector<RelayLink*> relays,
                                                       Metrics& metrics);
  ~Server();  // Shutdown() if not done yet
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  int port() const { return port_; }                  // the bound gRPC port
  int metrics_port() const { return metrics_port_; }  // -1 when not served
  bool serving() const;                               // what the health service says

  // Health NOT_SERVING, drain the gRPC server, flush the relays. Idempotent, thread-safe.
  void Shutdown();
  // Blocks until Shutdown() has completed.
  void Wait();

 private:
  Server(const ServerOptions& options, std::vector<RelayLink*> relays, Metrics& metrics);
  void Publish(bool serving, const std::string& reason);

  const ServerOptions options_;
  const std::vector<RelayLink*> relays_;
  Metrics& metrics_;
  int port_ = 0;
  int metrics_port_ = -1;
  std::vector<Metrics::GaugeId> gauges_;
  std::unique_ptr<grpc::Server> grpc_;
  std::unique_ptr<HealthWatch> watch_;

  mutable std::mutex mu_;
  std::condition_variable done_cv_;
  bool serving_ = false;        // guarded by mu_
  bool shutting_down_ = false;  // guarded by mu_
  bool done_ = false;           // guarded by mu_
};

}  // namespace ror::server
