#include "bench/gateway/corpus_directory.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"

namespace ror::bench::gateway {

namespace {

std::string MarkerOf(const search::Corpus& corpus, const std::string& tag) {
  return absl::StrCat(corpus.etablissements(), " ", corpus.offres(), " ", tag, "\n");
}

}  // namespace

void WriteCorpusMarker(const std::string& file, const search::Corpus& corpus,
                       const std::string& tag) {
  std::ofstream(file, std::ios::trunc) << MarkerOf(corpus, tag);
}

bool HasCorpusMarker(const std::string& file, const search::Corpus& corpus,
                     const std::string& tag) {
  std::ifstream in(file);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  return text.str() == MarkerOf(corpus, tag);
}

absl::Status ApplyCorpus(const search::Corpus& corpus, bus::Projection& projection,
                         bus::ProjectionDb& db, int batch) {
  for (int64_t n = 0; n < corpus.events(); n += batch) {
    bus::ProjectionWrite write(db);
    for (int64_t k = n; k < std::min<int64_t>(n + batch, corpus.events()); ++k) {
      const v1::EventEnvelope event = corpus.Event(k);
      ASSIGN_OR_RETURN(const int64_t applied, write.AppliedVersion(event.stream_id()));
      if (event.stream_version() <= applied) continue;
      RETURN_IF_ERROR(projection.Apply(event, write));
      write.SetAppliedVersion(event.stream_id(), event.stream_version());
    }
    RETURN_IF_ERROR(db.Commit(write));
  }
  return absl::OkStatus();
}

absl::StatusOr<ReadPaths> WriteReadPaths(const search::Corpus& corpus, const std::string& file) {
  std::ofstream out(file, std::ios::trunc);
  if (!out) return absl::UnavailableError("cannot write " + file);
  ReadPaths paths;
  for (int j = 0; j < corpus.offres(); ++j) {
    const search::CorpusOffre offre = corpus.Offre(j);
    if (offre.content.unite_sensible()) {
      if (paths.sensible++ == 0) paths.first_sensible = offre.offre_id;
      continue;
    }
    out << "/fhir/HealthcareService/" << offre.offre_id << '\n';
    if (paths.written++ == 0) paths.first = offre.offre_id;
  }
  out.close();
  if (!out) return absl::UnavailableError("cannot write " + file);
  return paths;
}

}  // namespace ror::bench::gateway
