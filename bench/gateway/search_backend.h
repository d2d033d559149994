#pragma once

// The search service behind the benchmark's gateway: ror.v1.SearchService (the service's own
// SearchGrpcService and SearchEngine) on an index of the corpus, served over gRPC on a loopback
// port of this process. The index is built as bench/search builds it (every event through
// ReadModelProjection, then one Indexer::CatchUp: the rebuild path) or reopened when an earlier
// run left it complete. Every call is anonymous, as the gateway's anonymous requests reach
// ror-search (its interceptor then finds no token); the saved searches, unused, are in memory.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "bench/search/corpus.h"
#include "libs/nomenclature/nomenclatures.h"

namespace ror::bench::gateway {

class SearchBackend {
 public:
  // `dir` holds the read model and the index. Builds them unless `reuse` and `dir` already holds
  // those of the same corpus.
  static absl::StatusOr<std::unique_ptr<SearchBackend>> Start(
      const search::Corpus& corpus, const std::string& dir,
      const nomenclature::Nomenclatures& codes, bool reuse);
  ~SearchBackend();

  int port() const;
  bool reused() const;
  double projection_seconds() const;  // 0 when reused
  double index_seconds() const;

 private:
  struct State;
  explicit SearchBackend(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ror::bench::gateway
