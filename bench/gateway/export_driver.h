#pragma once

// A Bulk Data client, timed: kick-off, polls of Content-Location until the manifest, then every
// NDJSON file of the manifest downloaded in turn on one connection, as a simple client does.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/gateway/http_client.h"

namespace ror::bench::gateway {

struct ExportRun {
  std::string job;              // the job id (its files are under <exports dir>/<job>)
  double manifest_seconds = 0;  // kick-off → the 200 with the manifest
  double total_seconds = 0;     // kick-off → the last byte of the last file
  int64_t polls = 0;
  int64_t files = 0;
  int64_t resources = 0;  // NDJSON lines
  int64_t bytes = 0;      // of the files
};

// `kick_off`: "/fhir/$export?…". Polls every `poll_interval` (the server's Retry-After says 1 s;
// a client may ask sooner, and the figure is then the export's, not the client's patience).
absl::StatusOr<ExportRun> DriveExport(HttpClient& client, const std::string& kick_off,
                                      absl::Duration poll_interval);

}  // namespace ror::bench::gateway
