// ror-offre: the offre service (ror.v1.OffreService) on its own RocksDB event store, published to
// Kafka by its relay.
//   ror-offre --port 50051 --metrics_port 9101 --data_dir ./var/offre
//             --kafka_bootstrap 127.0.0.1:9092 --auth 127.0.0.1:50054
#include <filesystem>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/audit/audit_log.h"
#include "libs/bus/relay.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/server/bus_relay_link.h"
#include "libs/server/instrumented_event_store.h"
#include "libs/server/metrics.h"
#include "libs/server/server.h"
#include "libs/server/service_security.h"
#include "libs/server/signals.h"
#include "services/offre/api/etablissement_grpc_service.h"
#include "services/offre/api/offre_grpc_service.h"
#include "services/offre/api/organisation_grpc_service.h"
#include "services/offre/app/etablissement_handler.h"
#include "services/offre/app/modele_saisie_files.h"
#include "services/offre/app/offre_handler.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/app/organisation_handler.h"
#include "services/offre/app/public_offre_view.h"

ABSL_FLAG(int, port, 50051, "gRPC port (0 picks a free one)");
ABSL_FLAG(int, metrics_port, 9101, "Prometheus /metrics port (-1 disables it)");
ABSL_FLAG(std::string, data_dir, "./var/offre", "where the service keeps its data");
ABSL_FLAG(std::string, kafka_bootstrap, "127.0.0.1:9092", "Kafka bootstrap servers");
ABSL_FLAG(std::string, nomenclatures_dir, "",
          "directory of the national code lists (CSV code,label,code_system); empty: the small "
          "built-in set, enough for the demo only");
ABSL_FLAG(std::string, modeles_dir, "",
          "directory of the modèles de saisie (JSON, one file per version, see "
          "services/offre/modeles); empty: none, and no offre can be created");
ABSL_FLAG(std::string, auth, "127.0.0.1:50054",
          "the auth service (ror.v1.AuthService), whose keys verify the callers' tokens");
ABSL_FLAG(std::string, issuer, "http://127.0.0.1:8080", "the issuer (iss) of auth's tokens");
ABSL_FLAG(absl::Duration, audit_retention, ror::audit::kDefaultRetention,
          "audit records older than this are purged (at start, then daily)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace ror::offre {
namespace {

struct Options {
  int port;
  int metrics_port;
  std::filesystem::path data_dir;
  std::string kafka_bootstrap;
  std::filesystem::path nomenclatures_dir;
  std::filesystem::path modeles_dir;
  std::string auth;
  std::string issuer;
  absl::Duration audit_retention;
};

const google::protobuf::ServiceDescriptor* ServiceNamed(const char* name) {
  return google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
}

int Run(const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    log::Error("cannot create the data directory",
               {{"data_dir", options.data_dir.string()}, {"error", error.message()}});
    return 1;
  }
  absl::StatusOr<nomenclature::Nomenclatures> codes =
      nomenclature::Nomenclatures::LoadDirectoryOrBuiltIn(options.nomenclatures_dir);
  if (!codes.ok()) {
    log::Error("cannot load the nomenclatures", {{"error", codes.status().ToString()}});
    return 1;
  }
  if (options.nomenclatures_dir.empty()) {
    log::Warn("built-in nomenclatures only: give --nomenclatures_dir for the national lists");
  }
  log::Info("nomenclatures loaded",
            {{"source", codes->source()}, {"lists", absl::StrCat(codes->lists().size())}});
  absl::StatusOr<domain::ModeleCatalog> modeles =
      options.modeles_dir.empty() ? domain::ModeleCatalog::Empty()
                                  : app::LoadModeleCatalog(options.modeles_dir, *codes);
  if (!modeles.ok()) {
    log::Error("cannot load the modèles de saisie", {{"error", modeles.status().ToString()}});
    return 1;
  }
  if (options.modeles_dir.empty()) {
    log::Warn("no modèles de saisie: give --modeles_dir, offres cannot be created without one");
  }
  log::Info("modèles de saisie loaded", {{"source", options.modeles_dir.string()},
                                         {"versions", absl::StrCat(modeles->size())}});
  SystemClock clock;
  IdGenerator ids(clock);
  auto store = eventstore::RocksDbEventStore::Open(
      eventstore::RocksDbOptions{.path = (options.data_dir / "events").string()}, clock);
  if (!store.ok()) {
    log::Error("cannot open the event store", {{"error", store.status().ToString()}});
    return 1;
  }
  server::Metrics metrics;
  server::InstrumentedEventStore instrumented(**store, metrics);

  // Callers are who auth's tokens say, verified here; each write leaves an audit record.
  server::SecurityOptions security_options;
  security_options.issuer = options.issuer;
  security_options.audit_dir = (options.data_dir / "audit").string();
  security_options.auth_address = options.auth;
  security_options.audit_retention = options.audit_retention;
  auto security =
      server::ServiceSecurity::Start(security_options, clock,
                                     {ServiceNamed(v1::OffreService::service_full_name()),
                                      ServiceNamed(v1::EtablissementService::service_full_name()),
                                      ServiceNamed(v1::OrganisationService::service_full_name())});
  if (!security.ok()) {
    log::Error("cannot start the service's security", {{"error", security.status().ToString()}});
    return 1;
  }
  const api::CallHooks hooks = api::HooksOf((*security)->calls());

  app::EtablissementHandler etablissements(instrumented, clock, ids);
  api::EtablissementGrpcService etablissement_api(etablissements, hooks);
  // The offres per organisation: what closing one checks.
  app::OffreIndex open_offres;
  if (absl::Status indexed = open_offres.Rebuild(instrumented); !indexed.ok()) {
    log::Error("cannot index the offres", {{"error", indexed.ToString()}});
    return 1;
  }
  auto organisations =
      app::OrganisationHandler::Open(instrumented, etablissements, open_offres, *codes, clock, ids);
  if (!organisations.ok()) {
    log::Error("cannot index the organisations", {{"error", organisations.status().ToString()}});
    return 1;
  }
  // Where each EG stands (EJ, région) for the access function and the habilitations.
  app::EtablissementScopes scopes(etablissements);
  api::OrganisationGrpcService organisation_api(**organisations, &open_offres, &scopes, hooks);
  // Offres are attached to organisations under the organisation handler's structure lock.
  app::OffreHandler handler(instrumented, *codes, *modeles, clock, ids, organisations->get(),
                            &open_offres);
  app::OffreReads reads(handler, scopes, &open_offres);
  api::OffreGrpcService api(handler, reads, hooks);

  // The relays start once the indexes are built: a start-up that fails before has none to stop.
  bus::Relay relay(bus::RelayOptions{.service = "offre", .bootstrap = options.kafka_bootstrap},
                   **store);
  relay.Start();
  server::BusRelayLink relay_link(relay, "full");
  // The open-data topic: a second relay over the same log, with its own checkpoint.
  bus::RelayOptions public_options{.service = "offre", .bootstrap = options.kafka_bootstrap};
  public_options.view_name = "public";
  public_options.view = [&store](const v1::EventEnvelope& event) {
    return app::PublicOffreRecord(**store, event);
  };
  bus::Relay public_relay(public_options, **store);
  public_relay.Start();
  server::BusRelayLink public_relay_link(public_relay, "public");

  server::ServerOptions server_options;
  server_options.name = "offre";
  server_options.health_services = {v1::OffreService::service_full_name(),
                                    v1::EtablissementService::service_full_name(),
                                    v1::OrganisationService::service_full_name()};
  server_options.port = options.port;
  server_options.metrics_port = options.metrics_port;
  server_options.interceptors = {(*security)->interceptor()};
  auto server = server::Server::Start(server_options, {&api, &etablissement_api, &organisation_api},
                                      instrumented, {&relay_link, &public_relay_link}, metrics);
  if (!server.ok()) {
    log::Error("cannot start the server", {{"error", server.status().ToString()}});
    relay.Stop(absl::Seconds(5));
    public_relay.Stop(absl::Seconds(5));
    return 1;
  }
  const int signal = server::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", absl::StrCat(signal)}});
  (*server)->Shutdown();  // drains gRPC, then flushes both relays
  return 0;               // the store closes last, when it goes out of scope
}

}  // namespace
}  // namespace ror::offre

int main(int argc, char** argv) {
  ror::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (!ror::log::InitFromFlag("ror-offre", "offre", absl::GetFlag(FLAGS_log_level))) {
    return 2;
  }
  return ror::offre::Run(ror::offre::Options{
      .port = absl::GetFlag(FLAGS_port),
      .metrics_port = absl::GetFlag(FLAGS_metrics_port),
      .data_dir = absl::GetFlag(FLAGS_data_dir),
      .kafka_bootstrap = absl::GetFlag(FLAGS_kafka_bootstrap),
      .nomenclatures_dir = absl::GetFlag(FLAGS_nomenclatures_dir),
      .modeles_dir = absl::GetFlag(FLAGS_modeles_dir),
      .auth = absl::GetFlag(FLAGS_auth),
      .issuer = absl::GetFlag(FLAGS_issuer),
      .audit_retention = absl::GetFlag(FLAGS_audit_retention),
  });
}
