#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/finess/finess_reader.h"

namespace ror::finess {

// Columns the flattened CSV must have, in any order; others are ignored.
inline constexpr absl::string_view kCsvColumns[] = {
    "nofinesset",      "nofinessej", "rs",        "adresse",   "codepostal",   "commune",
    "departement",     "telephone",  "telecopie", "categetab", "libcategetab", "categagretab",
    "libcategagretab", "siret",      "codeape",   "codesph",   "libsph",       "dateouv",
    "datemaj",         "latitude",   "longitude", "active",
};

// Reads the flattened CSV, already decoded to UTF-8 (ReadFinessText does the decoding and the
// counting). INVALID_ARGUMENT when the header lacks a column. `info` must not be null.
absl::Status ReadFlatCsv(absl::string_view text, const RecordSink& on_record,
                         const RejectionSink& on_rejection, FileInfo* info);

}  // namespace ror::finess
