#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace prometheus {
class Exposer;
}

namespace ror::server {

// A service's Prometheus metrics, served on /metrics once Serve() is called:
//   ror_grpc_server_handled_total{grpc_service,grpc_method,grpc_code}      counter
//   ror_grpc_server_handling_seconds{grpc_service,grpc_method,grpc_code}   histogram
//   ror_eventstore_append_seconds{code}                                    histogram
// plus gauges whose value is read at scrape time (AddGauge): the server adds each relay's
// ror_relay_lag_events{view} and ror_relay_connected{view}; services add e.g.
// ror_projection_lag_events.
// Services may also register their own families on registry(). Thread-safe.
class Metrics {
 public:
  using Labels = std::map<std::string, std::string>;
  using GaugeId = int;

  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Starts the HTTP endpoint on host:port (port 0 picks one); returns the bound port.
  absl::StatusOr<int> Serve(absl::string_view host, int port);

  // One finished RPC; `full_method` is gRPC's "/package.Service/Method".
  void ObserveRpc(absl::string_view full_method, absl::string_view code, double seconds);
  // One EventStore::Append, successful or not.
  void ObserveAppend(absl::StatusCode code, double seconds);

  // A gauge computed by `value` at each scrape. Gauges sharing `name` form one family (same help,
  // different labels). `value` runs on the scraping thread and must stay valid until RemoveGauge.
  GaugeId AddGauge(absl::string_view name, absl::string_view help, Labels labels,
                   std::function<double()> value);
  void RemoveGauge(GaugeId id);

  prometheus::Registry& registry() { return *registry_; }

  // The text exposition of everything above, as the endpoint serves it (tests, debugging).
  std::string Render() const;

 private:
  class CallbackGauges;

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<CallbackGauges> gauges_;
  prometheus::Family<prometheus::Counter>& rpc_handled_;
  prometheus::Family<prometheus::Histogram>& rpc_seconds_;
  prometheus::Family<prometheus::Histogram>& append_seconds_;
  std::mutex exposer_mu_;
  std::unique_ptr<prometheus::Exposer> exposer_;  // last: stops scraping before the rest goes
};

}  // namespace ror::server
