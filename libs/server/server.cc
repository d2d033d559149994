#include "libs/server/server.h"

#include <chrono>
#include <utility>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "libs/common/log.h"
#include "libs/server/rpc_metrics_interceptor.h"

namespace ror::server {
namespace {

// gRPC owns the factories it is given; main() owns the ones it shares with its services.
class BorrowedFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit BorrowedFactory(grpc::experimental::ServerInterceptorFactoryInterface& factory)
      : factory_(factory) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return factory_.CreateServerInterceptor(info);
  }

 private:
  grpc::experimental::ServerInterceptorFactoryInterface& factory_;
};

}  // namespace

Server::Server(const ServerOptions& options, std::vector<RelayLink*> relays, Metrics& metrics)
    : options_(options), relays_(std::move(relays)), metrics_(metrics) {}

absl::StatusOr<std::unique_ptr<Server>> Server::Start(const ServerOptions& options,
                                                      const std::vector<grpc::Service*>& services,
                                                      const eventstore::EventStore& store,
                                                      std::vector<RelayLink*> relays,
                                                      Metrics& metrics) {
  auto server = absl::WrapUnique(new Server(options, std::move(relays), metrics));
  if (options.metrics_port >= 0) {
    absl::StatusOr<int> port = metrics.Serve(options.metrics_host, options.metrics_port);
    if (!port.ok()) return port.status();
    server->metrics_port_ = *port;
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  const std::string address = absl::StrCat(options.host, ":", options.port);
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), &server->port_);
  // gRPC sets SO_REUSEPORT by default: a second copy of the service would silently share the port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  for (grpc::Service* service : services) builder.RegisterService(service);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  for (auto* factory : options.interceptors) {
    interceptors.push_back(std::make_unique<BorrowedFactory>(*factory));
  }
  interceptors.push_back(std::make_unique<RpcMetricsInterceptorFactory>(metrics));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  server->grpc_ = builder.BuildAndStart();
  if (server->grpc_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("gRPC: cannot listen on ", address));
  }

  for (RelayLink* relay : server->relays_) {
    const Metrics::Labels view = {{"view", relay->view()}};
    server->gauges_.push_back(metrics.AddGauge(
        "ror_relay_lag_events", "Events in the store not yet acknowledged by Kafka.", view,
        [relay] {
          const RelayState s = relay->State();
          return s.head > s.checkpoint ? static_cast<double>(s.head - s.checkpoint) : 0.0;
        }));
    server->gauges_.push_back(
        metrics.AddGauge("ror_relay_connected", "1 while the relay's broker answers, 0 otherwise.",
                         view, [relay] { return relay->State().connected ? 1.0 : 0.0; }));
  }

  Server* raw = server.get();
  server->watch_ = std::make_unique<HealthWatch>(
      store, std::vector<const RelayLink*>(server->relays_.begin(), server->relays_.end()),
      options.health_interval,
      [raw](bool serving, const std::string& reason) { raw->Publish(serving, reason); });
  server->watch_->Check();
  server->watch_->Start();
  log::Info("server started", {{"name", options.name},
                               {"grpc_port", absl::StrCat(server->port_)},
                               {"metrics_port", absl::StrCat(server->metrics_port_)},
                               {"health_service", grpc::health::v1::Health::service_full_name()}});
  return server;
}

Server::~Server() {
  Shutdown();
  for (Metrics::GaugeId id : gauges_) metrics_.RemoveGauge(id);
}

bool Server::serving() const {
  std::lock_guard lock(mu_);
  return serving_;
}

void Server::Publish(bool serving, const std::string& reason) {
  std::lock_guard lock(mu_);
  if (shutting_down_) return;
  serving_ = serving;
  grpc::HealthCheckServiceInterface* health = grpc_->GetHealthCheckService();
  health->SetServingStatus("", serving);
  for (const std::string& name : options_.health_services) health->SetServingStatus(name, serving);
  if (serving) {
    log::Info("serving");
  } else {
    log::Warn("not serving", {{"reason", reason}});
  }
}

void Server::Shutdown() {
  {
    std::unique_lock lock(mu_);
    if (shutting_down_) {
      done_cv_.wait(lock, [this] { return done_; });
      return;
    }
    shutting_down_ = true;
    serving_ = false;
    if (grpc_ == nullptr || watch_ == nullptr) {  // Start() failed half-way: nothing to drain
      done_ = true;
      done_cv_.notify_all();
      return;
    }
  }
  watch_->Stop();
  // Every service NOT_SERVING from now on; load balancers stop sending.
  grpc_->GetHealthCheckService()->Shutdown();
  log::Info("draining", {{"timeout", absl::FormatDuration(options_.drain_timeout)}});
  grpc_->Shutdown(std::chrono::system_clock::now() +
                  absl::ToChronoNanoseconds(options_.drain_timeout));
  for (RelayLink* relay : relays_) {
    log::Info("flushing relay", {{"view", relay->view()}});
    relay->Stop(options_.relay_flush_timeout);
  }
  log::Info("server stopped");
  {
    std::lock_guard lock(mu_);
    done_ = true;
  }
  done_cv_.notify_all();
}

void Server::Wait() {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [this] { return done_; });
}

}  // namespace ror::server
