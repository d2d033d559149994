#pragma once

// Follows the read model's change log into the Xapian index: each changed document is built
// again from the committed rows, and the index records, in the same Xapian commit, which change
// it holds up to and which generation (epoch) of rows it came from. A crash anywhere leaves an
// index that resumes where its last commit says; an index of another epoch, or none, is rebuilt
// from every row.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/bus/subscriber.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/read_model.h"
#include "services/search/app/search_index.h"

namespace ror::search::app {

struct IndexerOptions {
  absl::Duration poll_interval = absl::Milliseconds(10);
  size_t batch = 20000;  // changes per Xapian commit
  // The records the bus has still to deliver, nullopt while it cannot tell (BusBacklogOf). A
  // rebuild waits while more than `rebuild_waits_above` are coming: built from rows still
  // arriving, each établissement would be built again every time one of its offres lands.
  std::function<std::optional<int64_t>()> bus_backlog;
  int64_t rebuild_waits_above = 10000;
};

// The subscriber's lag once every partition has been fetched; 0 when the bus is out of reach
// (the rows at hand are all there is to index).
std::function<std::optional<int64_t>()> BusBacklogOf(const bus::Subscriber& subscriber);

struct IndexerStats {
  uint64_t indexed_change = 0;  // every change up to this one is searchable
  uint64_t last_change = 0;     // the read model's last change
  uint64_t rebuilds = 0;
  bool failing = false;
  bool waiting_for_bus = false;   // a rebuild is due and waits for the bus to deliver the rows
  uint64_t prefilled_change = 0;  // meanwhile, the offres are indexed up to this change
};

class Indexer {
 public:
  Indexer(ReadModel& model, SearchIndex& index, DocumentBuilder& builder,
          IndexerOptions options = {});
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  void Start();
  void Stop();

  // Brings the index up to the read model's last change (the thread's work, callable by tests
  // and tools that run no thread).
  absl::Status CatchUp();

  IndexerStats Stats() const;

 private:
  void Run();
  bool RebuildWaitsForBus();
  // While the bus replays ahead of a rebuild, the offres' documents are indexed as their rows
  // come, one batch of changes per call, on this thread; the EGs' wait for the rebuild (an EG's
  // document carries its offres' codes, and would be built again with each). The rebuild then
  // keeps them and adds the EGs' and those of the offres changed since.
  absl::Status Prefill(const std::string& epoch);
  absl::Status Rebuild(const std::string& epoch);
  // Builds and stores the documents of `keys`, as index change `version`, on a second thread
  // while this one adds them to the (empty) index; counts the words they hold, for the
  // vocabulary.
  absl::Status AddAll(const std::vector<std::string>& keys, uint64_t version,
                      Vocabulary::Counts& words);
  // The document of `key` as the rows are now; nullopt when it is not searched.
  absl::StatusOr<std::optional<BuiltDocument>> Build(const std::string& key);
  // The document of `key` built again (or deleted) as index change `version`, its stored
  // version in `stored`.
  absl::Status Reindex(const std::string& key, uint64_t version, DocumentStore::Batch& stored);
  absl::Status Replace(const std::string& key, uint64_t version, BuiltDocument* built,
                       DocumentStore::Batch& stored);

  ReadModel& model_;
  SearchIndex& index_;
  DocumentBuilder& builder_;
  const IndexerOptions options_;

  std::mutex run_mu_;  // one CatchUp at a time
  // Changes up to here are gone from the change log; 0 at start, so that what a crash left
  // between an index commit and its drop is dropped too.
  uint64_t dropped_through_ = 0;
  // A prefill under way: the read model's epoch, and the change its offres are indexed up to.
  std::optional<std::pair<std::string, uint64_t>> prefilled_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;

  mutable std::mutex mu_;
  IndexerStats stats_;  // guarded by mu_
};

}  // namespace ror::search::app
