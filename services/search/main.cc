// ror-search: the search service (ror.v1.SearchService). Its index (read model + Xapian) is built
// from the bus and can be deleted at any time: it is rebuilt. Saved searches are the service's own
// state, in an event store kept apart.
//   ror-search --port 50055 --metrics_port 9105 --data_dir ./var/search
//              --state_dir ./var/search-state --kafka_bootstrap 127.0.0.1:9092
//              --nomenclatures_dir ../shared/data/nomenclatures
//              --guide services/search/guide/guide.json --auth 127.0.0.1:50054
#include <atomic>
#include <filesystem>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/audit/audit_log.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/server/metrics.h"
#include "libs/server/relay_link.h"
#include "libs/server/server.h"
#include "libs/server/service_security.h"
#include "libs/server/signals.h"
#include "services/search/api/search_grpc_service.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/indexer.h"
#include "services/search/app/read_model.h"
#include "services/search/app/saved_searches.h"
#include "services/search/app/search_engine.h"
#include "services/search/app/search_index.h"
#include "services/search/app/visibility.h"
#include "services/search/domain/guide.h"

ABSL_FLAG(int, port, 50055, "gRPC port (0 picks a free one)");
ABSL_FLAG(int, metrics_port, 9105, "Prometheus /metrics port (-1 disables it)");
ABSL_FLAG(std::string, data_dir, "./var/search",
          "the index (read model, Xapian and stored documents), rebuilt from the bus when deleted");
ABSL_FLAG(std::string, state_dir, "./var/search-state",
          "the service's own state: saved searches and the audit log (never rebuilt)");
ABSL_FLAG(std::string, kafka_bootstrap, "127.0.0.1:9092", "Kafka bootstrap servers");
ABSL_FLAG(std::string, nomenclatures_dir, "",
          "directory of the national code lists; empty: the small built-in set (demo only)");
ABSL_FLAG(std::string, guide, "", "the recherche guidée tree (services/search/guide/guide.json)");
ABSL_FLAG(std::string, auth, "127.0.0.1:50054",
          "the auth service (ror.v1.AuthService), whose keys verify the callers' tokens");
ABSL_FLAG(std::string, issuer, "http://127.0.0.1:8080", "the issuer (iss) of auth's tokens");
ABSL_FLAG(absl::Duration, audit_retention, ror::audit::kDefaultRetention,
          "audit records older than this are purged (at start, then daily)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace ror::search {
namespace {

struct Options {
  int port;
  int metrics_port;
  std::filesystem::path data_dir;
  std::filesystem::path state_dir;
  std::string kafka_bootstrap;
  std::filesystem::path nomenclatures_dir;
  std::filesystem::path guide;
  std::string auth;
  std::string issuer;
  absl::Duration audit_retention;
};

// The index's consumption of the bus, seen by the server's health and metrics as its "relay":
// serving once the index has caught up with the bus (a rebuilt index answers the same as before
// it was deleted); its lag (records not consumed plus changes not yet indexed) is the
// ror_relay_lag_events gauge of view "index".
class IndexLink final : public server::RelayLink {
 public:
  IndexLink(bus::Subscriber& subscriber, app::Indexer& indexer)
      : subscriber_(subscriber), indexer_(indexer) {}
  server::RelayState State() const override {
    const bus::SubscriberStats bus = subscriber_.Stats();
    const app::IndexerStats index = indexer_.Stats();
    if (bus.connected && bus.lag == 0 && !index.failing &&
        index.indexed_change == index.last_change) {
      caught_up_once_ = true;
    }
    return server::RelayState{
        .connected = caught_up_once_,
        .head = static_cast<uint64_t>(std::max<int64_t>(bus.lag, 0)) + index.last_change,
        .checkpoint = index.indexed_change,
    };
  }
  std::string view() const override { return "index"; }
  void Stop(absl::Duration) override {
    subscriber_.Stop();
    indexer_.Stop();
  }

 private:
  bus::Subscriber& subscriber_;
  app::Indexer& indexer_;
  mutable std::atomic<bool> caught_up_once_{false};
};

const google::protobuf::ServiceDescriptor* SearchServiceDescriptor() {
  return v1::SearchRequest::descriptor()->file()->FindServiceByName("SearchService");
}

int Run(const Options& options) {
  for (const auto& dir : {options.data_dir, options.state_dir}) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
      log::Error("cannot create a directory", {{"dir", dir.string()}, {"error", error.message()}});
      return 1;
    }
  }
  absl::StatusOr<nomenclature::Nomenclatures> codes =
      nomenclature::Nomenclatures::LoadDirectoryOrBuiltIn(options.nomenclatures_dir);
  if (!codes.ok()) {
    log::Error("cannot load the nomenclatures", {{"error", codes.status().ToString()}});
    return 1;
  }
  std::optional<domain::Guide> guide;
  if (!options.guide.empty()) {
    absl::StatusOr<domain::Guide> loaded = domain::Guide::Load(options.guide, *codes);
    if (!loaded.ok()) {
      log::Error("cannot load the guide", {{"error", loaded.status().ToString()}});
      return 1;
    }
    for (const std::string& warning : loaded->warnings()) {
      log::Warn("guide not fully checked", {{"warning", warning}});
    }
    guide = std::move(*loaded);
  } else {
    log::Warn("no --guide: the recherche guidée is empty");
  }

  SystemClock clock;
  IdGenerator ids(clock);
  auto store = eventstore::RocksDbEventStore::Open(
      eventstore::RocksDbOptions{.path = (options.state_dir / "events").string()}, clock);
  if (!store.ok()) {
    log::Error("cannot open the event store", {{"error", store.status().ToString()}});
    return 1;
  }
  auto db =
      bus::ProjectionDb::Open(app::ReadModelDbOptions((options.data_dir / "readmodel").string()));
  if (!db.ok()) {
    log::Error("cannot open the read model", {{"error", db.status().ToString()}});
    return 1;
  }
  if (absl::Status s = app::EnsureReadModelLayout(**db); !s.ok()) {
    log::Error("cannot check the read model's layout", {{"error", s.ToString()}});
    return 1;
  }
  auto index = app::SearchIndex::Open(options.data_dir / "index", app::IndexLayout());
  if (!index.ok()) {
    log::Error("cannot open the index", {{"error", index.status().ToString()}});
    return 1;
  }
  server::SecurityOptions security_options;
  security_options.issuer = options.issuer;
  security_options.audit_dir = (options.state_dir / "audit").string();
  security_options.auth_address = options.auth;
  security_options.audit_retention = options.audit_retention;
  auto security =
      server::ServiceSecurity::Start(security_options, clock, {SearchServiceDescriptor()});
  if (!security.ok()) {
    log::Error("cannot start the service's security", {{"error", security.status().ToString()}});
    return 1;
  }

  app::ReadModel model(**db);
  app::ReadModelProjection projection(ids);
  app::Labels labels(*codes);
  app::DocumentBuilder builder(labels);
  bus::Subscriber subscriber(bus::SubscriberOptions{.name = "search",
                                                    .bootstrap = options.kafka_bootstrap,
                                                    .group_id = "ror-search",
                                                    .topics = app::ReadModelTopics()},
                             **db, projection);
  app::IndexerOptions indexing;
  indexing.bus_backlog = app::BusBacklogOf(subscriber);
  app::Indexer indexer(model, **index, builder, std::move(indexing));
  indexer.Start();
  subscriber.Start();
  IndexLink index_link(subscriber, indexer);

  app::SearchEngine engine(**index, *codes, guide.has_value() ? &*guide : nullptr);
  app::SavedSearches saved(**store, clock, ids);
  const authz::CallRegistry& calls = (*security)->calls();
  api::SearchGrpcService api(
      engine, saved,
      [&calls](const grpc::ServerContextBase& context) { return calls.Caller(&context); },
      [&subscriber, &indexer] {
        const bus::SubscriberStats bus = subscriber.Stats();
        const app::IndexerStats indexed = indexer.Stats();
        v1::IndexStatus status;
        status.set_bus_lag(bus.lag);
        status.set_index_lag(static_cast<int64_t>(indexed.last_change - indexed.indexed_change));
        status.set_connected(bus.connected);
        status.set_rebuilds(static_cast<int64_t>(bus.rebuilds + indexed.rebuilds));
        return status;
      });

  server::Metrics metrics;
  server::ServerOptions server_options;
  server_options.name = "search";
  server_options.health_services = {v1::SearchService::service_full_name()};
  server_options.port = options.port;
  server_options.metrics_port = options.metrics_port;
  server_options.interceptors = {(*security)->interceptor()};
  auto server = server::Server::Start(server_options, {&api}, **store, {&index_link}, metrics);
  if (!server.ok()) {
    log::Error("cannot start the server", {{"error", server.status().ToString()}});
    subscriber.Stop();
    indexer.Stop();
    return 1;
  }
  const int signal = server::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", absl::StrCat(signal)}});
  (*server)->Shutdown();  // drains gRPC, then stops the subscriber and the indexer
  return 0;
}

}  // namespace
}  // namespace ror::search

int main(int argc, char** argv) {
  ror::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (!ror::log::InitFromFlag("ror-search", "search", absl::GetFlag(FLAGS_log_level))) {
    return 2;
  }
  return ror::search::Run(ror::search::Options{
      .port = absl::GetFlag(FLAGS_port),
      .metrics_port = absl::GetFlag(FLAGS_metrics_port),
      .data_dir = absl::GetFlag(FLAGS_data_dir),
      .state_dir = absl::GetFlag(FLAGS_state_dir),
      .kafka_bootstrap = absl::GetFlag(FLAGS_kafka_bootstrap),
      .nomenclatures_dir = absl::GetFlag(FLAGS_nomenclatures_dir),
      .guide = absl::GetFlag(FLAGS_guide),
      .auth = absl::GetFlag(FLAGS_auth),
      .issuer = absl::GetFlag(FLAGS_issuer),
      .audit_retention = absl::GetFlag(FLAGS_audit_retention),
  });
}
