#pragma once

// FHIR Bulk Data $export (asynchronous): a job writes the resources of the asked types, as its
// caller may see them, changed since `_since` and kept by `_typeFilter` if given, into NDJSON files
// of at most 10,000 resources under <dir>/<job>/; the caller polls its status, then downloads the
// files. One job runs at a time, in the order asked, at most kMaxQueued waiting. A job is its
// caller's: its status and files answer him only (404 to anyone else). Jobs live as long as the
// process, a day at most: after a restart their status is unknown (404) and the client asks again.

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/fhir/resources.h"
#include "gateway/fhir/type_filter.h"
#include "libs/authz/principal.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::fhir {

struct ExportRequest {
  std::vector<std::string> types;  // "HealthcareService", "Organization"
  std::optional<absl::Time> since;
  std::vector<TypeFilter> filters;  // _typeFilter
  authz::Principal caller;
  std::string request_url;  // as asked, for the manifest
  std::string base;         // "<scheme>://<host>/fhir", for the files' urls
};

class BulkExport {
 public:
  static constexpr size_t kResourcesPerFile = 10000;
  static constexpr size_t kMaxQueued = 8;

  BulkExport(const Resources& resources, std::filesystem::path dir);
  ~BulkExport();
  BulkExport(const BulkExport&) = delete;
  BulkExport& operator=(const BulkExport&) = delete;

  // Queues a job; its id (128 random bits). RESOURCE_EXHAUSTED when kMaxQueued already wait.
  absl::StatusOr<std::string> Start(ExportRequest request);

  struct Status {
    enum class State { kUnknown, kQueued, kRunning, kDone, kFailed } state = State::kUnknown;
    size_t written = 0;       // resources written so far
    nlohmann::json manifest;  // when done
    std::string error;        // when failed
  };
  // kUnknown for a job that is not `caller`'s.
  Status StatusOf(const std::string& job, const authz::Principal& caller) const;

  // The path of one of `caller`'s finished job's files; nullopt for any other job or name.
  std::optional<std::filesystem::path> File(const std::string& job, const std::string& name,
                                            const authz::Principal& caller) const;

 private:
  struct Job {
    ExportRequest request;
    absl::Time asked;
    Status status;
    absl::Time transaction_time;
    std::vector<std::string> files;
  };
  void Run();
  absl::Status Write(const std::string& id, Job& job);
  // Jobs asked more than a day ago, and their files, are forgotten.
  void ForgetOldJobs();

  const Resources& resources_;
  const std::filesystem::path dir_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Job> jobs_;  // guarded by mu_
  std::deque<std::string> queue_;    // guarded by mu_
  bool stopping_ = false;            // guarded by mu_
  std::thread worker_;
};

}  // namespace ror::gateway::fhir
