#pragma once

// Writes establishments in the etalab extract format, so that synthetic extracts (benchmarks,
// tests) go through exactly the reading path of the official files.

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "libs/finess/etablissement_record.h"

namespace ror::finess {

// `finess;etalab;<count>;<YYYY-MM-DD>`, without the line break.
std::string EtalabManifestLine(int64_t count, absl::CivilDay date);

// The 32-field structureet line of `record`, without the line break. The format has no quoting, so
// ';' in a value becomes ',' and line breaks become spaces. The one-line `adresse` goes to voie,
// and what follows its first " | " to lieuditbp, which reads back as the same address. The
// 3-digit commune code is taken from `code_commune`, or "000" when it is unknown (a record read
// from the flattened CSV).
std::string EtalabStructureEtLine(const EtablissementRecord& record);

// The geolocalisation line of `record`: its position projected to Lambert-93 (0.1 m, as the
// official extracts), or empty coordinates when it has none or lies outside Lambert-93's domain.
std::string EtalabGeolocalisationLine(const EtablissementRecord& record, absl::CivilDay date);

}  // namespace ror::finess
