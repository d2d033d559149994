#pragma once

// `rorctl import finess FILE`: reads a FINESS extract (libs/finess) and sends its entités
// juridiques, then its établissements géographiques, to the offre service in batches, several at
// a time. Those the file or the service refuses are reported with their line; the rest is
// imported.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/finess/entite_juridique_record.h"
#include "libs/finess/etablissement_record.h"
#include "ror/v1/etablissement.grpc.pb.h"

namespace ror::rorctl {

struct FinessImportOptions {
  int batch_size = 200;  // fiches per ImportEtablissements call
  int parallel = 8;      // calls in flight: the service commits concurrent appends together
  absl::Duration call_timeout = absl::Seconds(60);
  std::string authorization = {};  // "Bearer <token>" (credentials.h); empty: anonymous
  int max_attempts =
      5;  // per batch, while the service is unavailable (importing twice is harmless)
};

struct FinessImportCounts {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

struct FinessImportSummary {
  FinessImportCounts etablissements;  // géographiques
  FinessImportCounts entites_juridiques;
  int rejected = 0;  // by the reader or by the service, of either kind
};

// One refused establishment: its line in the file, its number if known, the reason in French.
using RejectionReport =
    std::function<void(int line, const std::string& finess, const std::string& reason)>;

// The fiche the service imports for `record`.
v1::EtablissementFiche ToFiche(const finess::EtablissementRecord& record);
v1::EntiteJuridiqueFiche ToFiche(const finess::EntiteJuridiqueRecord& record);

// Imports `path`; fails only when the file cannot be read or the service stays unavailable.
absl::StatusOr<FinessImportSummary> ImportFinessFile(const std::string& path,
                                                     v1::EtablissementService::StubInterface& stub,
                                                     const FinessImportOptions& options,
                                                     const RejectionReport& report);

}  // namespace ror::rorctl
