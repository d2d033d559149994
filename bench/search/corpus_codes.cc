#include "bench/search/corpus_codes.h"

#include <cstdio>

#include "bench/bench_util.h"

namespace ror::bench::search {

nomenclature::Nomenclatures CorpusCodes(const std::string& dir) {
  absl::StatusOr<nomenclature::Nomenclatures> loaded =
      nomenclature::Nomenclatures::LoadDirectory(dir);
  if (loaded.ok()) return *std::move(loaded);
  std::fprintf(stderr,
               "%s: WARNING: %s; using the built-in code lists (labels of unknown codes are the "
               "codes themselves)\n",
               ProgramName().c_str(), loaded.status().ToString().c_str());
  return nomenclature::Nomenclatures::BuiltIn();
}

}  // namespace ror::bench::search
