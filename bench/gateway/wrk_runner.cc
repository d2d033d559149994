#include "bench/gateway/wrk_runner.h"

#include <cstdio>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"

namespace ror::bench::gateway {

std::string WrkCommand(const WrkOptions& o) {
  return absl::StrCat(o.wrk, " -t", o.threads, " -c", o.connections, " -d", o.seconds,
                      "s --latency -s ", o.script, " http://127.0.0.1:", o.port, " -- ",
                      o.paths_file);
}

absl::StatusOr<WrkResult> RunWrk(const WrkOptions& options) {
  WrkResult result;
  result.command = WrkCommand(options);
  FILE* pipe = ::popen((result.command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return absl::UnavailableError("cannot start " + options.wrk);
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int exit_code = ::pclose(pipe);
  constexpr absl::string_view kMarker = "WRK_JSON ";
  for (absl::string_view line : absl::StrSplit(result.output, '\n')) {
    if (!absl::StartsWith(line, kMarker)) continue;
    const nlohmann::json figures =
        nlohmann::json::parse(line.substr(kMarker.size()), nullptr, /*allow_exceptions=*/false);
    if (figures.is_discarded()) break;
    result.requests = figures.value("requests", int64_t{0});
    result.seconds = figures.value("duration_us", 0.0) / 1e6;
    result.requests_per_second = result.seconds > 0 ? result.requests / result.seconds : 0;
    result.p50_ms = figures.value("p50_us", 0.0) / 1e3;
    result.p90_ms = figures.value("p90_us", 0.0) / 1e3;
    result.p99_ms = figures.value("p99_us", 0.0) / 1e3;
    result.max_ms = figures.value("max_us", 0.0) / 1e3;
    result.bytes = figures.value("bytes", int64_t{0});
    result.errors_status = figures.value("errors_status", int64_t{0});
    result.errors_other = figures.value("errors_other", int64_t{0});
    return result;
  }
  return absl::UnavailableError(
      absl::StrCat("wrk (exit ", exit_code, ") printed no figures:\n", result.output));
}

}  // namespace ror::bench::gateway
