// ror-gateway: the HTTP edge (DESIGN §4). REST/JSON under /api/v1 in front of the auth, offre and
// search services; what it knows of a caller it passes on (token, request id, trace), and each
// service decides. It verifies tokens itself to give each client its rate limit, and to show the
// FHIR facade and the change feeds (Server-Sent Events, webhooks), which it serves from its own
// copy of the directory, as the access function says.

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gateway/certificate_clients.h"
#include "gateway/directory/directory.h"
#include "gateway/edge.h"
#include "gateway/feeds/feeds_api.h"
#include "gateway/feeds/feeds_openapi.h"
#include "gateway/feeds/webhooks.h"
#include "gateway/fhir/fhir_api.h"
#include "gateway/http/http_server.h"
#include "gateway/rest/rest_api.h"
#include "gateway/rest/upstreams.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "libs/authz/token_verifier.h"
#include "libs/authz/verification_keys.h"
#include "libs/bus/projection_db.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/server/signals.h"
#include "ror/v1/auth.pb.h"

ABSL_FLAG(std::string, address, "0.0.0.0", "the address to listen on");
ABSL_FLAG(int, port, 8080, "HTTP port (0 picks a free one)");
ABSL_FLAG(int, threads, 4, "requests served at once (each may wait on a service)");
ABSL_FLAG(int, max_body_kb, 1024, "the largest request body accepted (413 beyond)");
ABSL_FLAG(std::string, auth, "127.0.0.1:50054", "the auth service");
ABSL_FLAG(std::string, offre, "127.0.0.1:50051", "the offre service");
ABSL_FLAG(std::string, search, "127.0.0.1:50055", "the search service");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(10), "deadline of every call to a service");
ABSL_FLAG(std::string, issuer, "http://127.0.0.1:8080", "the issuer (iss) of auth's tokens");
ABSL_FLAG(std::string, public_url, "",
          "the address clients reach the gateway at (https://ror.sante.fr): FHIR links and "
          "$export's Content-Location start with it; empty: http:// and the request's Host");
ABSL_FLAG(double, client_rate, 50, "requests per second a verified user or API client may make");
ABSL_FLAG(double, client_burst, 100, "requests a verified client may make at once");
ABSL_FLAG(double, address_rate, 20, "requests per second an address may make without a token");
ABSL_FLAG(double, address_burst, 40, "requests an address may make at once without a token");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain: serve HTTPS (with --tls_key)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA whose client certificates are verified (optional unless --require_client_cert)");
ABSL_FLAG(bool, require_client_cert, false, "refuse TLS clients without a certificate");
ABSL_FLAG(std::string, data_dir, "./var/gateway",
          "the directory kept from the bus for /fhir (rebuilt from the bus when deleted)");
ABSL_FLAG(std::string, kafka_bootstrap, "127.0.0.1:9092", "Kafka bootstrap servers");
ABSL_FLAG(std::string, nomenclatures_dir, "",
          "the national code lists (../shared/data/nomenclatures); built-in ones without");
ABSL_FLAG(std::string, client_certificates, "",
          "file of client certificates that stand for API clients: '<sha256> <client id> "
          "<secret>' per line (gateway/certificate_clients.h); readable by the gateway only");
ABSL_FLAG(int, max_streams, 256, "Server-Sent Events streams open at once (503 beyond)");
ABSL_FLAG(int, max_streams_per_client, 8,
          "Server-Sent Events streams one user, API client or address may keep open");
ABSL_FLAG(bool, webhooks, true,
          "deliver webhooks from this instance (one instance per platform: each would deliver)");
ABSL_FLAG(int, webhook_attempts, 8, "attempts of a webhook delivery before its dead letter");
ABSL_FLAG(absl::Duration, webhook_first_retry, absl::Seconds(1),
          "wait after a webhook's first failed attempt (doubled after each, up to 5 min)");
ABSL_FLAG(std::vector<std::string>, webhook_hosts, {},
          "hosts webhooks may call (\".example.fr\": any under it); empty: any, for one machine");
ABSL_FLAG(absl::Duration, webhook_lifetime, absl::Hours(24 * 30),
          "how long a webhook delivers after its creation or renewal by its owner, whose grants "
          "of then it shows");
ABSL_FLAG(bool, webhook_plain_http, false,
          "accept http:// webhook receivers on other machines (the changes then cross the "
          "network in clear); without it, https, or http to this machine only");
ABSL_FLAG(bool, webhook_internal_addresses, false,
          "let webhook receivers be inside the network (private, loopback, link-local addresses, "
          "whatever their name); without it, public addresses only");
ABSL_FLAG(std::string, webhook_ca_file, "",
          "PEM CAs that HTTPS webhook receivers are verified against (else the system's)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace ror::gateway {
namespace {

struct Options {
  http::HttpServerOptions server;
  std::map<std::string, std::string> upstreams;
  absl::Duration deadline;
  std::string issuer;
  std::string public_url;
  std::filesystem::path data_dir;
  std::string kafka_bootstrap;
  std::string nomenclatures_dir;
  EdgeOptions edge;
  std::string client_certificates;
  feeds::ChangeStreamOptions streams;
  bool webhooks = true;
  feeds::WebhookOptions webhook;
};

int Run(const Options& options) {
  const SystemClock clock;
  authz::TokenVerifier verifier(authz::VerifierOptions{.issuer = options.issuer, .audience = "ror"},
                                clock);
  // Without auth's keys yet, every call counts against its address until the next poll.
  authz::VerificationKeysPoller keys(
      grpc::CreateChannel(options.upstreams.at("auth"), grpc::InsecureChannelCredentials()),
      verifier, absl::Seconds(10));
  if (absl::Status s = keys.PollOnce(absl::Seconds(5)); !s.ok()) {
    log::Warn("auth's keys not loaded yet; rate limits per address until they are",
              {{"error", s.ToString()}});
  }
  keys.Start();
  absl::StatusOr<nomenclature::Nomenclatures> codes =
      nomenclature::Nomenclatures::LoadDirectoryOrBuiltIn(options.nomenclatures_dir);
  if (!codes.ok()) {
    log::Error("cannot load the nomenclatures", {{"error", codes.status().ToString()}});
    return 1;
  }
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    log::Error("cannot create the data directory",
               {{"dir", options.data_dir.string()}, {"error", error.message()}});
    return 1;
  }
  auto db = bus::ProjectionDb::Open(
      directory::DirectoryDbOptions((options.data_dir / "directory").string()));
  if (!db.ok()) {
    log::Error("cannot open the directory", {{"error", db.status().ToString()}});
    return 1;
  }
  if (absl::Status s = directory::EnsureLayout(**db); !s.ok()) {
    log::Error("cannot check the directory's layout", {{"error", s.ToString()}});
    return 1;
  }
  directory::DirectoryProjection projection;
  bus::Subscriber subscriber(bus::SubscriberOptions{.name = "gateway",
                                                    .bootstrap = options.kafka_bootstrap,
                                                    .group_id = "ror-gateway",
                                                    .topics = directory::DirectoryTopics()},
                             **db, projection);
  subscriber.Start();
  directory::Directory directory(**db);
  const fhir::Resources resources(directory, *codes);
  fhir::BulkExport exports(resources, options.data_dir / "exports");
  const rest::Upstreams upstreams(options.upstreams, options.deadline);
  const fhir::FhirApi fhir(resources, &exports, &upstreams, options.public_url);
  const rest::RestApi api(upstreams, feeds::FeedsOpenApiPaths());
  const feeds::ChangeStreams streams(resources, options.streams);
  std::unique_ptr<feeds::Webhooks> webhooks;
  if (options.webhooks) {
    absl::StatusOr<std::unique_ptr<feeds::Webhooks>> opened =
        feeds::Webhooks::Open(options.data_dir / "webhooks", resources, options.webhook);
    absl::Status started = opened.ok() ? (*opened)->Start() : opened.status();
    if (!started.ok()) {
      log::Error("cannot start the webhooks", {{"error", started.ToString()}});
      return 1;
    }
    webhooks = *std::move(opened);
  }
  const feeds::FeedsApi feeds(streams, webhooks.get());
  std::unique_ptr<CertificateClients> certificates;
  if (!options.client_certificates.empty()) {
    absl::StatusOr<std::unique_ptr<CertificateClients>> loaded = CertificateClients::Load(
        options.client_certificates,
        [&upstreams](const std::string& id,
                     const std::string& secret) -> absl::StatusOr<ClientToken> {
          static const google::protobuf::MethodDescriptor* const kTokenForClient =
              v1::TokenForClientRequest::descriptor()
                  ->file()
                  ->FindServiceByName("AuthService")
                  ->FindMethodByName("TokenForClient");
          v1::TokenForClientRequest request;
          request.set_grant_type("client_credentials");
          request.set_client_id(id);
          request.set_client_secret(secret);
          ASSIGN_OR_RETURN(std::unique_ptr<google::protobuf::Message> answer,
                           upstreams.Call("auth", *kTokenForClient, request, {}));
          const auto& tokens = static_cast<const v1::TokenPair&>(*answer);
          return ClientToken{.access_token = tokens.access_token(),
                             .expires_in = absl::Seconds(tokens.expires_in_seconds())};
        },
        clock);
    if (!loaded.ok()) {
      log::Error("cannot load the client certificates", {{"error", loaded.status().ToString()}});
      return 1;
    }
    certificates = *std::move(loaded);
    log::Info("client certificates loaded", {{"count", absl::StrCat(certificates->size())}});
  }
  Edge edge(api, &fhir, &verifier, options.edge, clock, &feeds, certificates.get());
  http::HttpServer server(
      options.server, [&edge](const http::Request& request, const http::RequestContext& context) {
        return edge.Handle(request, context);
      });
  if (absl::Status s = server.Start(); !s.ok()) {
    log::Error("cannot start the gateway", {{"error", s.ToString()}});
    return 1;
  }
  const int signal = server::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", absl::StrCat(signal)}});
  server.Stop();
  webhooks.reset();
  subscriber.Stop();
  return 0;
}

}  // namespace
}  // namespace ror::gateway

int main(int argc, char** argv) {
  ror::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (!ror::log::InitFromFlag("ror-gateway", "gateway", absl::GetFlag(FLAGS_log_level))) {
    return 2;
  }
  ror::gateway::http::HttpServerOptions server;
  server.address = absl::GetFlag(FLAGS_address);
  server.port = absl::GetFlag(FLAGS_port);
  server.threads = absl::GetFlag(FLAGS_threads);
  server.max_body_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_body_kb)) << 10;
  server.tls_certificate_file = absl::GetFlag(FLAGS_tls_cert);
  server.tls_private_key_file = absl::GetFlag(FLAGS_tls_key);
  server.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  server.require_client_certificate = absl::GetFlag(FLAGS_require_client_cert);
  if (server.tls_certificate_file.empty() != server.tls_private_key_file.empty() ||
      (server.tls_certificate_file.empty() && !server.tls_client_ca_file.empty()) ||
      (server.require_client_certificate && server.tls_client_ca_file.empty())) {
    std::fprintf(stderr,
                 "ror-gateway: --tls_cert and --tls_key go together, --tls_client_ca needs them, "
                 "and --require_client_cert needs --tls_client_ca\n");
    return 2;
  }
  for (const double rate :
       {absl::GetFlag(FLAGS_client_rate), absl::GetFlag(FLAGS_client_burst),
        absl::GetFlag(FLAGS_address_rate), absl::GetFlag(FLAGS_address_burst)}) {
    if (!(rate >= 1)) {
      std::fprintf(stderr, "ror-gateway: rates and bursts are at least 1\n");
      return 2;
    }
  }
  if (!absl::GetFlag(FLAGS_client_certificates).empty() && server.tls_client_ca_file.empty()) {
    std::fprintf(stderr,
                 "ror-gateway: --client_certificates needs --tls_client_ca (certificates are "
                 "trusted only once verified)\n");
    return 2;
  }
  if (absl::GetFlag(FLAGS_max_streams) < 0 || absl::GetFlag(FLAGS_webhook_attempts) < 1 ||
      absl::GetFlag(FLAGS_webhook_first_retry) <= absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_webhook_lifetime) <= absl::ZeroDuration()) {
    std::fprintf(stderr,
                 "ror-gateway: --max_streams is at least 0, --webhook_attempts at least 1, "
                 "--webhook_first_retry and --webhook_lifetime positive\n");
    return 2;
  }
  if (const std::string url = absl::GetFlag(FLAGS_public_url); !url.empty()) {
    if (absl::Status valid = ror::gateway::fhir::CheckPublicUrl(url); !valid.ok()) {
      std::fprintf(stderr, "ror-gateway: %s\n", std::string(valid.message()).c_str());
      return 2;
    }
  }
  ror::gateway::feeds::WebhookOptions webhook;
  webhook.max_attempts = absl::GetFlag(FLAGS_webhook_attempts);
  webhook.first_retry = absl::GetFlag(FLAGS_webhook_first_retry);
  webhook.ca_file = absl::GetFlag(FLAGS_webhook_ca_file);
  webhook.allowed_hosts = absl::GetFlag(FLAGS_webhook_hosts);
  webhook.lifetime = absl::GetFlag(FLAGS_webhook_lifetime);
  webhook.plain_http = absl::GetFlag(FLAGS_webhook_plain_http);
  webhook.internal_addresses = absl::GetFlag(FLAGS_webhook_internal_addresses);
  return ror::gateway::Run(ror::gateway::Options{
      .server = std::move(server),
      .upstreams = {{"auth", absl::GetFlag(FLAGS_auth)},
                    {"offre", absl::GetFlag(FLAGS_offre)},
                    {"search", absl::GetFlag(FLAGS_search)}},
      .deadline = absl::GetFlag(FLAGS_deadline),
      .issuer = absl::GetFlag(FLAGS_issuer),
      .public_url = absl::GetFlag(FLAGS_public_url),
      .data_dir = absl::GetFlag(FLAGS_data_dir),
      .kafka_bootstrap = absl::GetFlag(FLAGS_kafka_bootstrap),
      .nomenclatures_dir = absl::GetFlag(FLAGS_nomenclatures_dir),
      .edge = {.per_client = {.per_second = absl::GetFlag(FLAGS_client_rate),
                              .burst = absl::GetFlag(FLAGS_client_burst)},
               .per_address = {.per_second = absl::GetFlag(FLAGS_address_rate),
                               .burst = absl::GetFlag(FLAGS_address_burst)}},
      .client_certificates = absl::GetFlag(FLAGS_client_certificates),
      .streams = {.heartbeat = absl::Seconds(15),
                  .max_streams = absl::GetFlag(FLAGS_max_streams),
                  .max_streams_per_client = absl::GetFlag(FLAGS_max_streams_per_client)},
      .webhooks = absl::GetFlag(FLAGS_webhooks),
      .webhook = std::move(webhook),
  });
}
