// ror-gateway: the HTTP edge (DESIGN §4). REST/JSON under /api/v1 in front of the auth, offre and
// search services; what it knows of a caller it passes on (token, request id, trace), and each
// service decides.

#include <cstdio>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gateway/edge.h"
#include "gateway/http/http_server.h"
#include "gateway/rest/rest_api.h"
#include "gateway/rest/upstreams.h"
#include "libs/common/log.h"
#include "libs/server/signals.h"

ABSL_FLAG(std::string, address, "0.0.0.0", "the address to listen on");
ABSL_FLAG(int, port, 8080, "HTTP port (0 picks a free one)");
ABSL_FLAG(int, threads, 4, "requests served at once (each may wait on a service)");
ABSL_FLAG(int, max_body_kb, 1024, "the largest request body accepted (413 beyond)");
ABSL_FLAG(std::string, auth, "127.0.0.1:50054", "the auth service");
ABSL_FLAG(std::string, offre, "127.0.0.1:50051", "the offre service");
ABSL_FLAG(std::string, search, "127.0.0.1:50055", "the search service");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(10), "deadline of every call to a service");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error");

namespace ror::gateway {
namespace {

struct Options {
  http::HttpServerOptions server;
  std::map<std::string, std::string> upstreams;
  absl::Duration deadline;
};

int Run(const Options& options) {
  const rest::Upstreams upstreams(options.upstreams, options.deadline);
  const rest::RestApi api(upstreams);
  http::HttpServer server(
      options.server, [&api](const http::Request& request, const http::RequestContext& context) {
        return Edge(api, request, context);
      });
  if (absl::Status s = server.Start(); !s.ok()) {
    log::Error("cannot start the gateway", {{"error", s.ToString()}});
    return 1;
  }
  const int signal = server::WaitForShutdownSignal();
  log::Info("shutting down", {{"signal", absl::StrCat(signal)}});
  server.Stop();
  return 0;
}

}  // namespace
}  // namespace ror::gateway

int main(int argc, char** argv) {
  ror::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  const std::string level = absl::GetFlag(FLAGS_log_level);
  if (level != "debug" && level != "info" && level != "warn" && level != "error") {
    std::fprintf(stderr, "ror-gateway: --log_level must be debug, info, warn or error (got %s)\n",
                 level.c_str());
    return 2;
  }
  ror::log::Init("gateway", level);
  return ror::gateway::Run(ror::gateway::Options{
      .server = {.address = absl::GetFlag(FLAGS_address),
                 .port = absl::GetFlag(FLAGS_port),
                 .threads = absl::GetFlag(FLAGS_threads),
                 .max_body_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_body_kb)) << 10,
                 .max_header_bytes = 16 << 10,
                 .idle_timeout = absl::Seconds(30)},
      .upstreams = {{"auth", absl::GetFlag(FLAGS_auth)},
                    {"offre", absl::GetFlag(FLAGS_offre)},
                    {"search", absl::GetFlag(FLAGS_search)}},
      .deadline = absl::GetFlag(FLAGS_deadline),
  });
}
