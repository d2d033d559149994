#include "bench/gateway/export_driver.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "nlohmann/json.hpp"

namespace ror::bench::gateway {
namespace {

// "http://host:port/fhir/…" → "/fhir/…": the server builds its urls from the Host header.
std::string TargetOf(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? "/" : url.substr(path);
}

}  // namespace

absl::StatusOr<ExportRun> DriveExport(HttpClient& client, const std::string& kick_off,
                                      absl::Duration poll_interval) {
  ExportRun run;
  const absl::Time start = absl::Now();
  absl::StatusOr<HttpReply> reply = client.Get(kick_off);
  if (!reply.ok()) return reply.status();
  if (reply->status != 202 || reply->content_location.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("$export kick-off: ", reply->status, " ", reply->body));
  }
  const std::string status_target = TargetOf(reply->content_location);
  const size_t job = status_target.find("_jobId=");
  if (job != std::string::npos) run.job = status_target.substr(job + 7);
  for (;;) {
    reply = client.Get(status_target);
    if (!reply.ok()) return reply.status();
    ++run.polls;
    if (reply->status == 200) break;
    if (reply->status != 202) {
      return absl::FailedPreconditionError(
          absl::StrCat("$export status: ", reply->status, " ", reply->body));
    }
    absl::SleepFor(poll_interval);
  }
  run.manifest_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const nlohmann::json manifest = nlohmann::json::parse(reply->body, nullptr, false);
  if (manifest.is_discarded() || !manifest.contains("output")) {
    return absl::FailedPreconditionError("$export: the manifest does not parse: " + reply->body);
  }
  for (const nlohmann::json& output : manifest["output"]) {
    const std::string target = TargetOf(output.value("url", ""));
    reply = client.Get(target);
    if (!reply.ok()) return reply.status();
    if (reply->status != 200) {
      return absl::FailedPreconditionError(
          absl::StrCat("$export file ", target, ": ", reply->status));
    }
    ++run.files;
    run.bytes += static_cast<int64_t>(reply->body.size());
    run.resources += std::count(reply->body.begin(), reply->body.end(), '\n');
  }
  run.total_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return run;
}

}  // namespace ror::bench::gateway
