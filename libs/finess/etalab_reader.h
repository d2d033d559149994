#pragma once

#include "absl/strings/string_view.h"
#include "libs/finess/finess_reader.h"

namespace ror::finess {

// Reads an etalab extract already decoded to UTF-8 (ReadFinessText does the decoding and the
// counting). Two passes over the text: the geolocalisation lines first, into a table keyed by
// nofinesset, then the structureet lines, each handed over joined with its position. The join
// thus holds wherever the geolocalisation lines are, and memory stays at one small entry per
// establishment besides the text itself. `info` must not be null.
// The structureej lines are read in the second pass and handed to `on_entite_juridique` as they
// come; when it is null they are rejected. Nothing joins an EJ to its EGs: the caller does.
void ReadEtalab(absl::string_view text, const RecordSink& on_record,
                const RejectionSink& on_rejection, FileInfo* info,
                const EntiteJuridiqueSink& on_entite_juridique = nullptr);

}  // namespace ror::finess
