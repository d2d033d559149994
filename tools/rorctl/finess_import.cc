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

v1::EntiteJuridiqueFiche ToFiche(const finess::EntiteJuridiqueRecord& r) {
  v1::EntiteJuridiqueFiche f;
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
  f.set_statut_juridique(r.statut_juridique);
  f.set_libelle_statut_juridique(r.libelle_statut_juridique);
  f.set_categorie(r.categorie);
  f.set_libelle_categorie(r.libelle_categorie);
  f.set_siren(r.siren);
  f.set_code_ape(r.code_ape);
  f.set_date_creation(FormatDay(r.date_creation));
  f.set_date_mise_a_jour_finess(FormatDay(r.date_mise_a_jour));
  return f;
}

namespace {

struct Shared {
  std::mutex mu;  // guards the counts, the failure and the report callback
  absl::Status failure;
  int rejected = 0;
};

// Sends `fiches` in batches of Request through `call`, several at a time, counting the outcomes
// in `counts`; `lines` are the fiches' lines in the file, for the report.
template <typename Request, typename Fiche, typename Call>
void SendAll(const std::vector<Fiche>& fiches, const std::vector<int>& lines,
             const std::string& source, const FinessImportOptions& options,
             const RejectionReport& report, const Call& call, FinessImportCounts& counts,
             Shared& shared) {
  const size_t batch = static_cast<size_t>(std::max(options.batch_size, 1));
  const size_t batches = (fiches.size() + batch - 1) / batch;
  std::atomic<size_t> next_batch{0};
  auto worker = [&] {
    for (size_t b; (b = next_batch++) < batches;) {
      {
        std::lock_guard lock(shared.mu);
        if (!shared.failure.ok()) return;
      }
      Request request;
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
        status = call(context, request, response);
        if (status.ok() || !IsTransient(status) || attempt >= options.max_attempts) break;
        absl::SleepFor(absl::Milliseconds(200) * (1 << attempt));
      }
      std::lock_guard lock(shared.mu);
      if (!status.ok()) {
        if (shared.failure.ok()) shared.failure = server::FromGrpcStatus(status);
        return;
      }
      for (int i = 0; i < response.outcomes_size(); ++i) {
        const v1::ImportOutcome& outcome = response.outcomes(i);
        switch (outcome.kind()) {
          case v1::ImportOutcome::KIND_CREATED:
            ++counts.created;
            break;
          case v1::ImportOutcome::KIND_UPDATED:
            ++counts.updated;
            break;
          case v1::ImportOutcome::KIND_UNCHANGED:
            ++counts.unchanged;
            break;
          default:
            ++shared.rejected;
            report(lines[first + i], outcome.finess(), Describe(outcome));
        }
      }
    }
  };
  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(options.parallel, 1); ++i) workers.emplace_back(worker);
  for (auto& w : workers) w.join();
}

}  // namespace

absl::StatusOr<FinessImportSummary> ImportFinessFile(const std::string& path,
                                                     v1::EtablissementService::StubInterface& stub,
                                                     const FinessImportOptions& options,
                                                     const RejectionReport& report) {
  std::vector<v1::EtablissementFiche> etablissements;
  std::vector<int> etablissement_lines;
  std::vector<v1::EntiteJuridiqueFiche> entites;
  std::vector<int> entite_lines;
  Shared shared;
  finess::FileInfo info;
  absl::Status read = finess::ReadFinessFile(
      path,
      [&](finess::EtablissementRecord&& record) {
        etablissement_lines.push_back(record.line);
        etablissements.push_back(ToFiche(record));
      },
      [&](const finess::Rejection& rejection) {
        ++shared.rejected;
        report(rejection.line, rejection.finess, rejection.reason);
      },
      &info,
      [&](finess::EntiteJuridiqueRecord&& record) {
        entite_lines.push_back(record.line);
        v1::EntiteJuridiqueFiche fiche = ToFiche(record);
        // FINESS gives an EJ no update date of its own in the etalab extract: the extract's date
        // orders its versions.
        if (fiche.date_mise_a_jour_finess().empty()) {
          fiche.set_date_mise_a_jour_finess(FormatDay(info.extract_date));
        }
        entites.push_back(std::move(fiche));
      });
  if (!read.ok()) return read;
  const std::string source = SourceOf(info, path);

  FinessImportSummary summary;
  // The EJs first, so that the EGs' partOf resolve as soon as the EGs appear downstream.
  SendAll<v1::ImportEntitesJuridiquesRequest>(
      entites, entite_lines, source, options, report,
      [&](grpc::ClientContext& context, const v1::ImportEntitesJuridiquesRequest& request,
          v1::ImportEtablissementsResponse& response) {
        return stub.ImportEntitesJuridiques(&context, request, &response);
      },
      summary.entites_juridiques, shared);
  if (!shared.failure.ok()) return shared.failure;
  SendAll<v1::ImportEtablissementsRequest>(
      etablissements, etablissement_lines, source, options, report,
      [&](grpc::ClientContext& context, const v1::ImportEtablissementsRequest& request,
          v1::ImportEtablissementsResponse& response) {
        return stub.ImportEtablissements(&context, request, &response);
      },
      summary.etablissements, shared);
  if (!shared.failure.ok()) return shared.failure;
  summary.rejected = shared.rejected;
  return summary;
}

}  // namespace ror::rorctl
