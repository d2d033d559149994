#include "tools/rorctl/finess_import.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "grpcpp/client_context.h"
#include "libs/finess/finess_reader.h"
#include "libs/server/grpc_status.h"
#include "tools/rorctl/credentials.h"

namespace ror::rorctl {
namespace {

std::string FormatDay(const std::optional<absl::CivilDay>& day) {
  return day.has_value() ? absl::FormatCivilTime(*day) : "";
}

std::string SourceOf(const finess::FileInfo& info, const std::string& path) {
  if (info.format == finess::FinessFormat::kEtalab && info.extract_date.has_value()) {
    return absl::StrCat("finess-etalab ", absl::FormatCivilTime(*info.extract_date));
  }
  return absl::StrCat("finess ", finess::FinessFormatName(info.format), " ",
                      path.substr(path.find_last_of('/') + 1));
}

bool IsTransient(const grpc::Status& status) {
  return status.error_code() == grpc::StatusCode::UNAVAILABLE ||
         status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED ||
         status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

std::string Describe(const v1::ImportOutcome& outcome) {
  if (outcome.violations().empty()) return outcome.error();
  std::vector<std::string> parts;
  for (const v1::FieldViolation& v : outcome.violations()) {
    parts.push_back(absl::StrCat(v.field(), " : ", v.description()));
  }
  return absl::StrJoin(parts, " ; ");
}

}  // namespace

v1::EtablissementFiche ToFiche(const finess::EtablissementRecord& r) {
  v1::EtablissementFiche f;
  f.set_finess_eg(r.finess_eg);
  f.set_finess_ej(r.finess_ej);
  f.set_raison_sociale(r.raison_sociale);
  f.set_raison_sociale_longue(r.raison_sociale_longue);
  f.set_complement_raison_sociale(r.complement_raison_sociale);
  f.set_adresse(r.adresse);
  f.set_code_postal(r.code_postal);
  f.set_commune(r.commune);
  f.set_code_commune(r.code_commune);
  f.set_departement(r.departement);
  f.set_telephone(r.telephone);
  f.set_telecopie(r.telecopie);
  f.set_categorie(r.categorie);
  f.set_libelle_categorie(r.libelle_categorie);
  f.set_categorie_agregee(r.categorie_agregee);
  f.set_libelle_categorie_agregee(r.libelle_categorie_agregee);
  f.set_siret(r.siret);
  f.set_code_ape(r.code_ape);
  f.set_code_sph(r.code_sph);
  f.set_libelle_sph(r.libelle_sph);
  f.set_date_ouverture(FormatDay(r.date_ouverture));
  f.set_date_mise_a_jour_finess(FormatDay(r.date_mise_a_jour));
  if (r.latitude.has_value() && r.longitude.has_value()) {
    f.set_has_coordonnees(true);
    f.set_latitude(*r.latitude);
    f.set_longitude(*r.longitude);
  }
  f.set_ferme(r.ferme);
  return f;
}

absl::StatusOr<FinessImportSummary> ImportFinessFile(const std::string& path,
                                                     v1::EtablissementService::StubInterface& stub,
                                                     const FinessImportOptions& options,
                                                     const RejectionReport& report) {
  FinessImportSummary summary;
  std::vector<v1::EtablissementFiche> fiches;
  std::vector<int> lines;
  finess::FileInfo info;
  absl::Status read = finess::ReadFinessFile(
      path,
      [&](finess::EtablissementRecord&& record) {
        lines.push_back(record.line);
        fiches.push_back(ToFiche(record));
      },
      [&](const finess::Rejection& rejection) {
        ++summary.rejected;
        report(rejection.line, rejection.finess, rejection.reason);
      },
      &info);
  if (!read.ok()) return read;
  const std::string source = SourceOf(info, path);

  const size_t batch = static_cast<size_t>(std::max(options.batch_size, 1));
  const size_t batches = (fiches.size() + batch - 1) / batch;
  std::atomic<size_t> next_batch{0};
  std::mutex mu;  // guards summary, failure and the report callback
  absl::Status failure;
  auto worker = [&] {
    for (size_t b; (b = next_batch++) < batches;) {
      {
        std::lock_guard lock(mu);
        if (!failure.ok()) return;
      }
      v1::ImportEtablissementsRequest request;
      request.set_source(source);
      const size_t first = b * batch, end = std::min(fiches.size(), first + batch);
      for (size_t i = first; i < end; ++i) *request.add_fiches() = fiches[i];
      v1::ImportEtablissementsResponse response;
      grpc::Status status;
      for (int attempt = 1;; ++attempt) {
        grpc::ClientContext context;
        context.set_deadline(absl::ToChronoTime(absl::Now() + options.call_timeout));
        Authorize(context, options.authorization);
        response.Clear();
        status = stub.ImportEtablissements(&context, request, &response);
        if (status.ok() || !IsTransient(status) || attempt >= options.max_attempts) break;
        absl::SleepFor(absl::Milliseconds(200) * (1 << attempt));
      }
      std::lock_guard lock(mu);
      if (!status.ok()) {
        if (failure.ok()) failure = server::FromGrpcStatus(status);
        return;
      }
      for (int i = 0; i < response.outcomes_size(); ++i) {
        const v1::ImportOutcome& outcome = response.outcomes(i);
        switch (outcome.kind()) {
          case v1::ImportOutcome::KIND_CREATED:
            ++summary.created;
            break;
          case v1::ImportOutcome::KIND_UPDATED:
            ++summary.updated;
            break;
          case v1::ImportOutcome::KIND_UNCHANGED:
            ++summary.unchanged;
            break;
          default:
            ++summary.rejected;
            report(lines[first + i], outcome.finess_eg(), Describe(outcome));
        }
      }
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(options.parallel, 1); ++i) workers.emplace_back(worker);
  for (auto& w : workers) w.join();
  if (!failure.ok()) return failure;
  return summary;
}

}  // namespace ror::rorctl
