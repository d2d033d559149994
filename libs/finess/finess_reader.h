#pragma once

// Reads FINESS extracts of établissements géographiques, in either format:
//  - the official etalab extract (cs1100507, "établissements géolocalisés"): a manifest line
//    `finess;etalab;<n>;<YYYY-MM-DD>`, then ';'-separated `structureet` and `geolocalisation`
//    records joined on nofinesset, Latin-1 or UTF-8;
//  - the flattened CSV with a header (nofinesset,nofinessej,rs,…,latitude,longitude,active).
// The etalab reading also takes the entités juridiques (`structureej` records, the cs1100501
// extract), in a file of their own or among the EGs, for callers that ask for them.
// The format is recognised from the first line. A bad record is reported as a Rejection with its
// line and the reading goes on; only an unreadable or unrecognised file is an error.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "libs/finess/entite_juridique_record.h"
#include "libs/finess/etablissement_record.h"
#include "libs/finess/text_encoding.h"

namespace ror::finess {

enum class FinessFormat {
  kEtalab,   // official ';'-separated extract
  kFlatCsv,  // comma-separated, header row
};

absl::string_view FinessFormatName(FinessFormat format);  // "etalab", "CSV à plat"

// A record (or a geolocalisation line) that was not taken.
struct Rejection {
  int line = 0;        // 1-based line in the file
  std::string finess;  // nofinesset (nofiness for an EJ) when it could be read, else empty
  std::string reason;  // in French, naming the field and the rule
};

struct FileInfo {
  FinessFormat format = FinessFormat::kEtalab;
  TextEncoding encoding = TextEncoding::kUtf8;
  int latin1_lines = 0;
  std::optional<absl::CivilDay> extract_date;  // manifest date (etalab)
  std::optional<int64_t> declared_count;       // manifest <n> (etalab); informative, not checked
  int lines = 0;                               // physical lines read
  int records = 0;                             // records handed to on_record
  int entites_juridiques = 0;                  // records handed to on_entite_juridique
  int rejections = 0;                          // calls to on_rejection
  int geolocated = 0;                          // records handed over with latitude/longitude
  int not_converted = 0;  // etalab records whose coordinates are in an unsupported projection
};

using RecordSink = std::function<void(EtablissementRecord&&)>;
using RejectionSink = std::function<void(const Rejection&)>;
using EntiteJuridiqueSink = std::function<void(EntiteJuridiqueRecord&&)>;

// Reads `contents`, calling `on_record` once per accepted establishment in file order and
// `on_rejection` once per bad line, also in file order (etalab geolocalisation lines whose
// establishment never appears are reported last). `info` may be null.
// When `on_entite_juridique` is given, it is called once per accepted etalab structureej record,
// in file order; when it is null, structureej lines are rejected. The flattened CSV has no EJs.
// INVALID_ARGUMENT when the file is empty or its first line matches neither format.
absl::Status ReadFinessText(absl::string_view contents, const RecordSink& on_record,
                            const RejectionSink& on_rejection, FileInfo* info,
                            const EntiteJuridiqueSink& on_entite_juridique = nullptr);

// Same, from a file: NOT_FOUND when it does not exist, UNAVAILABLE when it cannot be read, both
// naming the path.
absl::Status ReadFinessFile(const std::string& path, const RecordSink& on_record,
                            const RejectionSink& on_rejection, FileInfo* info,
                            const EntiteJuridiqueSink& on_entite_juridique = nullptr);

}  // namespace ror::finess
