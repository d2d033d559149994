// ror-auth: the auth service (ror.v1.AuthService): accounts, sessions, ES256 access tokens, on its
// own RocksDB event store, published to Kafka (ror.auth.events.v1, secrets cleared) by its relay.
//   ror-auth --port 50054 --metrics_port 9104 --data_dir ./var/auth
//            --kafka_bootstrap 127.0.0.1:9092 --issuer http://127.0.0.1:8080
//            --bootstrap_admin_email admin@example.fr
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/audit/audit_log.h"
#include "libs/authz/verification_keys.h"
#include "libs/bus/relay.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/oidc/relying_party.h"
#include "libs/server/bus_relay_link.h"
#include "libs/server/instrumented_event_store.h"
#include "libs/server/metrics.h"
#include "libs/server/server.h"
#include "libs/server/service_security.h"
#include "libs/server/signals.h"
#include "services/auth/api/auth_grpc_service.h"
#include "services/auth/app/auth_app.h"
#include "services/auth/app/auth_bus_view.h"
#include "services/auth/app/file_outbox.h"

ABSL_FLAG(int, port, 50054, "gRPC port (0 picks a free one)");
ABSL_FLAG(int, metrics_port, 9104, "Prometheus /metrics port (-1 disables it)");
ABSL_FLAG(std::string, data_dir, "./var/auth",
          "where the service keeps its data: events/, keys/ (signing keys, 0600), outbox/ (mails)");
ABSL_FLAG(std::string, kafka_bootstrap, "127.0.0.1:9092", "Kafka bootstrap servers");
ABSL_FLAG(std::string, issuer, "http://127.0.0.1:8080",
          "issuer (iss) of the tokens: the public base URL, also the base of the links in mails");
ABSL_FLAG(absl::Duration, access_token_ttl, absl::Minutes(5), "lifetime of an access token");
ABSL_FLAG(absl::Duration, key_rotation, absl::Hours(24),
          "age at which the signing key is replaced");
ABSL_FLAG(uint64_t, argon2_opslimit, 2, "Argon2id passes (libsodium opslimit, at least 1)");
ABSL_FLAG(uint64_t, argon2_memlimit_mib, 128, "Argon2id memory in MiB (libsodium memlimit)");
ABSL_FLAG(std::string, bootstrap_admin_email, "",
          "creates a national administrateur with this e-mail at start if no account has it; its "
          "activation link lands in <data_dir>/outbox");
ABSL_FLAG(std::string, bootstrap_admin_password_file, "",
          "file holding the bootstrap administrateur's first password, for a single machine "
          "(./ror up); empty: the activation link goes to the outbox");
ABSL_FLAG(std::string, mail_from, "ROR <ne-pas-repondre@ror.invalid>", "From of the mails");
ABSL_FLAG(std::string, psc_issuer, "",
          "Pro Santé Connect's issuer (https), e.g. "
          "https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet; empty: no PSC login");
ABSL_FLAG(std::string, psc_client_id, "", "the client id ROR is registered under at PSC");
ABSL_FLAG(std::string, psc_client_secret_file, "",
          "file holding the PSC client secret (a file, so that it shows in no process list)");
ABSL_FLAG(std::string, psc_redirect_uri, "", "the portal's PSC callback URL, as registered at PSC");
ABSL_FLAG(std::vector<std::string>, psc_scopes, {"scope_all"},
          "scopes asked of PSC besides openid");
ABSL_FLAG(std::vector<std::string>, psc_acr_values, {"eidas1"},
          "authentication levels asked of PSC, and the only ones accepted");
ABSL_FLAG(absl::Duration, audit_retention, ror::audit::kDefaultRetention,
          "audit records older than this are purged (at start, then daily)");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace ror::auth {
namespace {

struct Options {
  int port;
  int metrics_port;
  std::filesystem::path data_dir;
  std::string kafka_bootstrap;
  app::AuthOptions auth;
  absl::Duration key_rotation;
  app::Argon2Cost argon2;
  std::string bootstrap_admin_email;
  std::optional<std::string> bootstrap_admin_password;
  std::string mail_from;
  oidc::RelyingPartyOptions psc;  // empty issuer: no PSC login
  std::string psc_redirect_uri;
  absl::Duration audit_retention;
};

// A secret from its file (the PSC client secret, the first password), without the line break an
// editor adds: other blanks may belong to a password, as `rorctl login` reads it too.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  return secret;
}

int Run(const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    log::Error("cannot create the data directory",
               {{"data_dir", options.data_dir.string()}, {"error", error.message()}});
    return 1;
  }
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
  app::FileOutbox outbox(options.data_dir / "outbox", options.mail_from, clock, ids);
  auto auth = app::AuthApp::Open(
      instrumented, outbox, clock, ids, options.auth, options.argon2,
      app::KeyRingOptions{.dir = options.data_dir / "keys", .rotation = options.key_rotation});
  if (!auth.ok()) {
    log::Error("cannot open the auth service", {{"error", auth.status().ToString()}});
    return 1;
  }
  if (!options.psc.issuer.empty()) {
    // Discovered on first use and until it succeeds: PSC down does not keep auth down.
    (*auth)->EnablePsc(
        app::PscOptions{.redirect_uri = options.psc_redirect_uri},
        [&options, &clock] { return oidc::RelyingParty::Discover(options.psc, clock); });
    log::Info("pro santé connect enabled", {{"issuer", options.psc.issuer}});
  }
  if (!options.bootstrap_admin_email.empty()) {
    if (absl::Status made = (*auth)->accounts().EnsureBootstrapAdministrateur(
            options.bootstrap_admin_email, options.bootstrap_admin_password);
        !made.ok()) {
      log::Error("cannot create the bootstrap administrateur", {{"error", made.ToString()}});
      return 1;
    }
  }

  // The edge every service installs (token verification, caller registry, audit log); auth hands
  // its verifier its own keys in-process instead of polling itself.
  server::SecurityOptions security_options;
  security_options.issuer = options.auth.issuer;
  security_options.audience = options.auth.audience;
  security_options.audit_dir = (options.data_dir / "audit").string();
  security_options.audit_retention = options.audit_retention;
  auto security = server::ServiceSecurity::Start(
      security_options, clock,
      {v1::LoginRequest::descriptor()->file()->FindServiceByName("AuthService")});
  if (!security.ok()) {
    log::Error("cannot start the service security", {{"error", security.status().ToString()}});
    return 1;
  }
  api::AuthGrpcService api(**auth, (*security)->calls());
  // Auth verifies its own callers as every service does, but asks itself in process, every
  // second: a revocation reaches its admin RPCs at once.
  authz::VerificationKeysPoller self_verification(api::InProcessVerificationKeys(api),
                                                  (*security)->verifier(), absl::Seconds(1));
  if (absl::Status keys = self_verification.PollOnce(absl::Seconds(5)); !keys.ok()) {
    log::Error("cannot load the verification keys", {{"error", keys.ToString()}});
    return 1;
  }
  self_verification.Start();

  // One relay, through the view that clears the secrets: hashes never reach Kafka.
  bus::RelayOptions relay_options{.service = "auth", .bootstrap = options.kafka_bootstrap};
  relay_options.view_name = app::kAuthViewName;
  relay_options.view = [](const v1::EventEnvelope& event) { return app::AuthBusRecord(event); };
  bus::Relay relay(relay_options, **store);
  relay.Start();
  server::BusRelayLink relay_link(relay, app::kAuthViewName);

  server::ServerOptions server_options;
  server_options.name = "auth";
  server_options.health_services = {v1::AuthService::service_full_name()};
  server_options.port = options.port;
  server_options.metrics_port = options.metrics_port;
  server_options.interceptors = {(*security)->interceptor()};
  auto server = server::Server::Start(server_options, {&api}, instrumented, {&relay_link}, metrics);
  if (!server.ok()) {
    log::Error("cannot start the server", {{"error", server.status().ToString()}});
    self_verification.Stop();
    relay.Stop(absl::Seconds(5));
    return 1;
  }
  const int signal = server::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", absl::StrCat(signal)}});
  (*server)->Shutdown();  // drains gRPC, then flushes the relay
  self_verification.Stop();
  return 0;
}

}  // namespace
}  // namespace ror::auth

int main(int argc, char** argv) {
  ror::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (!ror::log::InitFromFlag("ror-auth", "auth", absl::GetFlag(FLAGS_log_level))) return 2;
  const absl::Duration ttl = absl::GetFlag(FLAGS_access_token_ttl);
  const absl::Duration rotation = absl::GetFlag(FLAGS_key_rotation);
  if (ttl < absl::Seconds(30) || ttl > absl::Hours(1)) {
    std::fprintf(stderr, "ror-auth: --access_token_ttl must be between 30s and 1h\n");
    return 2;
  }
  if (rotation < absl::Minutes(10)) {
    std::fprintf(stderr, "ror-auth: --key_rotation must be at least 10m\n");
    return 2;
  }
  const uint64_t opslimit = absl::GetFlag(FLAGS_argon2_opslimit);
  const uint64_t memlimit_mib = absl::GetFlag(FLAGS_argon2_memlimit_mib);
  if (opslimit < 1 || memlimit_mib < 8 || memlimit_mib > 4096) {
    std::fprintf(stderr,
                 "ror-auth: --argon2_opslimit must be at least 1 and --argon2_memlimit_mib "
                 "between 8 and 4096\n");
    return 2;
  }
  ror::oidc::RelyingPartyOptions psc;
  psc.issuer = absl::GetFlag(FLAGS_psc_issuer);
  if (!psc.issuer.empty()) {
    absl::StatusOr<std::string> secret =
        ror::auth::ReadSecretFile(absl::GetFlag(FLAGS_psc_client_secret_file));
    if (!secret.ok() || absl::GetFlag(FLAGS_psc_client_id).empty() ||
        absl::GetFlag(FLAGS_psc_redirect_uri).empty()) {
      std::fprintf(stderr,
                   "ror-auth: --psc_issuer needs --psc_client_id, --psc_client_secret_file (a "
                   "readable file) and --psc_redirect_uri\n");
      return 2;
    }
    psc.client_id = absl::GetFlag(FLAGS_psc_client_id);
    psc.client_secret = *std::move(secret);
    psc.scopes = absl::GetFlag(FLAGS_psc_scopes);
    psc.acr_values = absl::GetFlag(FLAGS_psc_acr_values);
  }
  std::optional<std::string> bootstrap_password;
  if (const std::string file = absl::GetFlag(FLAGS_bootstrap_admin_password_file); !file.empty()) {
    absl::StatusOr<std::string> password = ror::auth::ReadSecretFile(file);
    if (!password.ok() || password->empty()) {
      std::fprintf(stderr, "ror-auth: --bootstrap_admin_password_file: %s is unreadable or empty\n",
                   file.c_str());
      return 2;
    }
    bootstrap_password = *std::move(password);
  }
  ror::auth::app::AuthOptions auth;
  auth.issuer = absl::GetFlag(FLAGS_issuer);
  auth.access_token_ttl = ttl;
  return ror::auth::Run(ror::auth::Options{
      .port = absl::GetFlag(FLAGS_port),
      .metrics_port = absl::GetFlag(FLAGS_metrics_port),
      .data_dir = absl::GetFlag(FLAGS_data_dir),
      .kafka_bootstrap = absl::GetFlag(FLAGS_kafka_bootstrap),
      .auth = auth,
      .key_rotation = rotation,
      .argon2 = ror::auth::app::Argon2Cost{.opslimit = opslimit,
                                           .memlimit = static_cast<size_t>(memlimit_mib) << 20},
      .bootstrap_admin_email = absl::GetFlag(FLAGS_bootstrap_admin_email),
      .bootstrap_admin_password = std::move(bootstrap_password),
      .mail_from = absl::GetFlag(FLAGS_mail_from),
      .psc = std::move(psc),
      .psc_redirect_uri = absl::GetFlag(FLAGS_psc_redirect_uri),
      .audit_retention = absl::GetFlag(FLAGS_audit_retention),
  });
}
