#include "libs/server/metrics.h"

#include <exception>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/metric_family.h"
#include "prometheus/text_serializer.h"

namespace ror::server {
namespace {

// Latencies from 0.5 ms to ~8 s.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8};
  return *buckets;
}

// "/ror.v1.OffreService/CreateOffre" -> {"ror.v1.OffreService", "CreateOffre"}.
std::pair<std::string, std::string> SplitMethod(absl::string_view full_method) {
  absl::ConsumePrefix(&full_method, "/");
  const size_t slash = full_method.rfind('/');
  if (slash == absl::string_view::npos) return {"unknown", std::string(full_method)};
  return {std::string(full_method.substr(0, slash)), std::string(full_method.substr(slash + 1))};
}

}  // namespace

// Gauges read at collection time, grouped into families by name.
class Metrics::CallbackGauges final : public prometheus::Collectable {
 public:
  GaugeId Add(absl::string_view name, absl::string_view help, Labels labels,
              std::function<double()> value) {
    std::lock_guard lock(mu_);
    const GaugeId id = next_id_++;
    gauges_.emplace(
        id, Gauge{std::string(name), std::string(help), std::move(labels), std::move(value)});
    return id;
  }

  void Remove(GaugeId id) {
    std::lock_guard lock(mu_);
    gauges_.erase(id);
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    std::lock_guard lock(mu_);
    std::map<std::string, prometheus::MetricFamily> families;
    for (const auto& [id, gauge] : gauges_) {
      prometheus::MetricFamily& family = families[gauge.name];
      family.name = gauge.name;
      family.help = gauge.help;
      family.type = prometheus::MetricType::Gauge;
      prometheus::ClientMetric metric;
      for (const auto& [key, value] : gauge.labels) metric.label.push_back({key, value});
      metric.gauge.value = gauge.value();
      family.metric.push_back(std::move(metric));
    }
    std::vector<prometheus::MetricFamily> out;
    for (auto& [name, family] : families) out.push_back(std::move(family));
    return out;
  }

 private:
  struct Gauge {
    std::string name;
    std::string help;
    Labels labels;
    std::function<double()> value;
  };
  mutable std::mutex mu_;
  GaugeId next_id_ = 1;
  std::map<GaugeId, Gauge> gauges_;
};

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      gauges_(std::make_shared<CallbackGauges>()),
      rpc_handled_(prometheus::BuildCounter()
                       .Name("ror_grpc_server_handled_total")
                       .Help("RPCs completed on the server, by method and gRPC status code.")
                       .Register(*registry_)),
      rpc_seconds_(prometheus::BuildHistogram()
                       .Name("ror_grpc_server_handling_seconds")
                       .Help("Time from the start of an RPC to its status, by method and code.")
                       .Register(*registry_)),
      append_seconds_(prometheus::BuildHistogram()
                          .Name("ror_eventstore_append_seconds")
                          .Help("Event-store appends (durable on return), by status code.")
                          .Register(*registry_)) {}

Metrics::~Metrics() {
  std::lock_guard lock(exposer_mu_);
  exposer_.reset();
}

absl::StatusOr<int> Metrics::Serve(absl::string_view host, int port) {
  std::lock_guard lock(exposer_mu_);
  if (exposer_) return absl::FailedPreconditionError("metrics: already served");
  const std::string address = absl::StrCat(host, ":", port);
  try {
    auto exposer = std::make_unique<prometheus::Exposer>(address, /*num_threads=*/2);
    exposer->RegisterCollectable(registry_);
    exposer->RegisterCollectable(gauges_);
    const std::vector<int> ports = exposer->GetListeningPorts();
    if (ports.empty())
      return absl::UnavailableError(absl::StrCat("metrics: not listening on ", address));
    exposer_ = std::move(exposer);
    return ports.front();
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", address, ": ", e.what()));
  }
}

void Metrics::ObserveRpc(absl::string_view full_method, absl::string_view code, double seconds) {
  auto [service, method] = SplitMethod(full_method);
  const std::map<std::string, std::string> labels = {{"grpc_service", std::move(service)},
                                                     {"grpc_method", std::move(method)},
                                                     {"grpc_code", std::string(code)}};
  rpc_handled_.Add(labels).Increment();
  rpc_seconds_.Add(labels, LatencyBuckets()).Observe(seconds);
}

void Metrics::ObserveAppend(absl::StatusCode code, double seconds) {
  append_seconds_.Add({{"code", absl::StatusCodeToString(code)}}, LatencyBuckets())
      .Observe(seconds);
}

Metrics::GaugeId Metrics::AddGauge(absl::string_view name, absl::string_view help, Labels labels,
                                   std::function<double()> value) {
  return gauges_->Add(name, help, std::move(labels), std::move(value));
}

void Metrics::RemoveGauge(GaugeId id) { gauges_->Remove(id); }

std::string Metrics::Render() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  std::vector<prometheus::MetricFamily> gauges = gauges_->Collect();
  families.insert(families.end(), std::make_move_iterator(gauges.begin()),
                  std::make_move_iterator(gauges.end()));
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace ror::server
