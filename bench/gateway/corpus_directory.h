#pragma once

// The corpus of bench/search as a projection's rows: every event of the corpus through the
// projection (the gateway's directory, the search's read model), as a bus::Subscriber applies
// them (skipping a stream version already applied, then recording it), many events per
// ProjectionWrite and Commit.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/search/corpus.h"
#include "libs/bus/projection_db.h"
#include "libs/bus/subscriber.h"

namespace ror::bench::gateway {

// The corpus a directory or an index was made of (and `tag`, what else it depends on, such as the
// index's layout), written beside it once it is complete: a run stopped half-way leaves none, and
// the next --reuse makes it again.
void WriteCorpusMarker(const std::string& file, const search::Corpus& corpus,
                       const std::string& tag = "");
bool HasCorpusMarker(const std::string& file, const search::Corpus& corpus,
                     const std::string& tag = "");

// Applies every event of `corpus` through `projection` to `db` (the gateway's directory, the
// search's read model), `batch` events per commit.
absl::Status ApplyCorpus(const search::Corpus& corpus, bus::Projection& projection,
                         bus::ProjectionDb& db, int batch);

struct ReadPaths {
  int64_t written = 0;   // offres anyone may read
  std::string first;     // the first of them
  int64_t sensible = 0;  // unités sensibles, left out: an anonymous read is a 404
  std::string first_sensible;
};

// Writes "/fhir/HealthcareService/<id>", one a line, for every offre of `corpus` that an
// anonymous caller may read, to `file`.
absl::StatusOr<ReadPaths> WriteReadPaths(const search::Corpus& corpus, const std::string& file);

}  // namespace ror::bench::gateway
