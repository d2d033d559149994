#include "gateway/fhir/bulk_export.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "gateway/directory/directory.h"
#include "gateway/fhir/fhir_types.h"
#include "gateway/http/json_text.h"
#include "gateway/http/random_id.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"

namespace ror::gateway::fhir {
namespace {

using nlohmann::json;

bool SameCaller(const authz::Principal& a, const authz::Principal& b) {
  return a.kind == b.kind && a.subject == b.subject;
}

constexpr absl::Duration kJobLifetime = absl::Hours(24);

// The NDJSON files of one type: "<Type>-<n>.ndjson", a new one every kResourcesPerFile.
class TypeFiles {
 public:
  TypeFiles(std::filesystem::path dir, std::string type)
      : dir_(std::move(dir)), type_(std::move(type)) {}

  absl::Status Add(const json& resource) {
    if (!out_.is_open() || in_file_ == BulkExport::kResourcesPerFile) {
      if (out_.is_open()) out_.close();
      names_.push_back(absl::StrCat(type_, "-", names_.size() + 1, ".ndjson"));
      out_.open(dir_ / names_.back(), std::ios::binary | std::ios::trunc);
      in_file_ = 0;
      if (!out_) return absl::InternalError(absl::StrCat("$export: cannot write ", names_.back()));
    }
    std::string line = http::JsonText(resource);
    line.push_back('\n');
    out_ << line;
    ++in_file_;
    return out_ ? absl::OkStatus() : absl::InternalError("$export: write failed");
  }
  void Close() {
    if (out_.is_open()) out_.close();
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  const std::filesystem::path dir_;
  const std::string type_;
  std::ofstream out_;
  size_t in_file_ = 0;
  std::vector<std::string> names_;
};

}  // namespace

BulkExport::BulkExport(const Resources& resources, std::filesystem::path dir)
    : resources_(resources), dir_(std::move(dir)) {
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  worker_ = std::thread([this] { Run(); });
}

BulkExport::~BulkExport() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

absl::StatusOr<std::string> BulkExport::Start(ExportRequest request) {
  const std::string id = http::RandomHex(16);
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= kMaxQueued) {
      return absl::ResourceExhaustedError(
          absl::StrCat(kMaxQueued, " exports attendent déjà ; réessayez plus tard"));
    }
    Job& job = jobs_[id];
    job.request = std::move(request);
    job.asked = absl::Now();
    job.status.state = Status::State::kQueued;
    queue_.push_back(id);
  }
  cv_.notify_all();
  return id;
}

BulkExport::Status BulkExport::StatusOf(const std::string& job,
                                        const authz::Principal& caller) const {
  std::lock_guard lock(mu_);
  const auto it = jobs_.find(job);
  if (it == jobs_.end() || !SameCaller(it->second.request.caller, caller)) return Status();
  return it->second.status;
}

std::optional<std::filesystem::path> BulkExport::File(const std::string& job,
                                                      const std::string& name,
                                                      const authz::Principal& caller) const {
  std::lock_guard lock(mu_);
  const auto it = jobs_.find(job);
  if (it == jobs_.end() || it->second.status.state != Status::State::kDone ||
      !SameCaller(it->second.request.caller, caller)) {
    return std::nullopt;
  }
  for (const std::string& file : it->second.files) {
    if (file == name) return dir_ / job / name;
  }
  return std::nullopt;
}

void BulkExport::Run() {
  for (;;) {
    std::string id;
    Job copy;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      id = queue_.front();
      queue_.pop_front();
      jobs_[id].status.state = Status::State::kRunning;
      copy.request = jobs_[id].request;
    }
    ForgetOldJobs();
    const absl::Status written = Write(id, copy);
    std::lock_guard lock(mu_);
    Job& job = jobs_[id];
    job.files = copy.files;
    job.status.written = copy.status.written;
    if (written.ok()) {
      job.status.state = Status::State::kDone;
      json output = json::array();
      for (const std::string& file : job.files) {
        output.push_back(
            {{"type", file.substr(0, file.find('-'))},
             {"url", absl::StrCat(job.request.base, "/$export-file/", id, "/", file)}});
      }
      job.status.manifest = {
          {"transactionTime", Instant(copy.transaction_time)},
          {"request", job.request.request_url},
          // The files are this caller's: only his token downloads them.
          {"requiresAccessToken", job.request.caller.kind != authz::PrincipalKind::kAnonymous},
          {"output", std::move(output)},
          {"error", json::array()}};
    } else {
      log::Error("$export failed", {{"job", id}, {"error", written.ToString()}});
      job.status.state = Status::State::kFailed;
      job.status.error = std::string(written.message());
    }
  }
}

absl::Status BulkExport::Write(const std::string& id, Job& job) {
  const std::filesystem::path dir = dir_ / id;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error)
    return absl::InternalError(absl::StrCat("$export: ", dir.string(), ": ", error.message()));
  // The export is of the directory as it is when it starts; later changes come with _history.
  job.transaction_time = absl::Now();
  const ExportRequest& request = job.request;
  const auto changed = [&](const google::protobuf::Timestamp& updated_at) {
    return !request.since.has_value() || FromProtoTimestamp(updated_at) >= *request.since;
  };
  const auto progress = [&] {
    std::lock_guard lock(mu_);
    jobs_[id].status.written = job.status.written;
  };
  for (const std::string& type : request.types) {
    TypeFiles files(dir, type);
    absl::Status status = absl::OkStatus();
    if (type == directory::kHealthcareService) {
      const bool region_needed = NeedsRegion(request.filters, type);
      RETURN_IF_ERROR(
          resources_.directory().ForEachOffre([&](const v1::gateway::DirectoryOffre& offre) {
            if (!changed(offre.updated_at())) return true;
            if (!request.filters.empty()) {
              std::optional<v1::gateway::DirectoryEtablissement> eg;
              if (region_needed) {
                absl::StatusOr<std::optional<v1::gateway::DirectoryEtablissement>> read =
                    resources_.directory().Etablissement(offre.finess_eg());
                if (!read.ok()) status = read.status();
                if (read.ok()) eg = *std::move(read);
              }
              if (!status.ok()) return false;
              if (!Keeps(request.filters, offre, eg.has_value() ? &*eg : nullptr)) return true;
            }
            absl::StatusOr<json> resource = resources_.OfOffre(request.caller, offre);
            if (!resource.ok()) status = resource.status();
            if (status.ok() && !resource->is_null()) status = files.Add(*resource);
            if (status.ok() && !resource->is_null() && ++job.status.written % 10000 == 0) {
              progress();
            }
            return status.ok();
          }));
    } else if (type == directory::kOrganization) {
      // EJs, EGs, then OIs: each row the filters keep and changed since, through its mapping.
      const auto add = [&](const auto& row, auto resource_of) {
        if (!changed(row.updated_at()) || !Keeps(request.filters, row)) return true;
        const absl::StatusOr<json> resource = (resources_.*resource_of)(row);
        status = resource.ok() ? files.Add(*resource) : resource.status();
        if (status.ok() && ++job.status.written % 10000 == 0) progress();
        return status.ok();
      };
      RETURN_IF_ERROR(resources_.directory().ForEachEntiteJuridique(
          [&](const v1::gateway::DirectoryEntiteJuridique& ej) {
            return add(ej, &Resources::OfEntiteJuridique);
          }));
      RETURN_IF_ERROR(status);
      RETURN_IF_ERROR(resources_.directory().ForEachEtablissement(
          [&](const v1::gateway::DirectoryEtablissement& eg) {
            return add(eg, &Resources::OfEtablissement);
          }));
      RETURN_IF_ERROR(status);
      RETURN_IF_ERROR(resources_.directory().ForEachOrganisation(
          [&](const v1::gateway::DirectoryOrganisation& oi) {
            return add(oi, &Resources::OfOrganisation);
          }));
    }
    RETURN_IF_ERROR(status);
    files.Close();
    for (const std::string& name : files.names()) job.files.push_back(name);
  }
  return absl::OkStatus();
}

void BulkExport::ForgetOldJobs() {
  std::error_code error;
  std::vector<std::string> old;
  {
    std::lock_guard lock(mu_);
    const absl::Time limit = absl::Now() - kJobLifetime;
    for (auto it = jobs_.begin(); it != jobs_.end();) {
      const bool finished = it->second.status.state == Status::State::kDone ||
                            it->second.status.state == Status::State::kFailed;
      if (finished && it->second.asked < limit) {
        old.push_back(it->first);
        it = jobs_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const std::string& id : old) std::filesystem::remove_all(dir_ / id, error);
  // Files of the jobs a previous process ran: nobody can ask for them any more.
  const auto cutoff = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24);
  std::filesystem::directory_iterator it(dir_, error);
  for (; !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    if (it->last_write_time(error) < cutoff) std::filesystem::remove_all(it->path(), error);
  }
}

}  // namespace ror::gateway::fhir
