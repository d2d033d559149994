#pragma once

// Runs wrk (a child process on the same cores as the gateway) against a file of paths with
// random_paths.lua, and reads back the figures its done() prints.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace ror::bench::gateway {

struct WrkOptions {
  std::string wrk = "/usr/bin/wrk";
  std::string script;      // random_paths.lua
  std::string paths_file;  // one path a line
  int port = 0;
  int threads = 2;
  int connections = 32;
  int seconds = 10;
};

struct WrkResult {
  std::string command;  // as run, for the README
  std::string output;   // wrk's own report
  int64_t requests = 0;
  double seconds = 0;
  double requests_per_second = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0;
  int64_t bytes = 0;
  int64_t errors_status = 0;  // answers that were not 2xx or 3xx
  int64_t errors_other = 0;   // connect, read, write, timeout
};

// The command line of a run (also what --serve_only prints).
std::string WrkCommand(const WrkOptions& options);

// Runs wrk to its end; UNAVAILABLE when it cannot start or prints no figures.
absl::StatusOr<WrkResult> RunWrk(const WrkOptions& options);

}  // namespace ror::bench::gateway
