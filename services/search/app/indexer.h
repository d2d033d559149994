#pragma once

// Follows the read model's change log into the Xapian index: each changed document is built
// again from the committed rows, and the index records, in the same Xapian commit, which change
// it holds up to and which generation (epoch) of rows it came from. A crash anywhere leaves an
// index that resumes where its last commit says; an index of another epoch, or none, is rebuilt
// from every row.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/read_model.h"
#include "services/search/app/search_index.h"

namespace ror::search::app {

struct IndexerOptions {
  absl::Duration poll_interval = absl::Milliseconds(10);
  size_t batch = 20000;  // changes per Xapian commit
};

struct IndexerStats {
  uint64_t indexed_change = 0;  // every change up to this one is searchable
  uint64_t last_change = 0;     // the read model's last change
  uint64_t rebuilds = 0;
  bool failing = false;
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
  absl::Status Rebuild(const std::string& epoch);
  absl::Status Reindex(const std::string& key);
  absl::Status Replace(const std::string& id_term, const Xapian::Document* doc);

  ReadModel& model_;
  SearchIndex& index_;
  DocumentBuilder& builder_;
  const IndexerOptions options_;

  std::mutex run_mu_;  // one CatchUp at a time
  // During a rebuild, the database is empty: documents are added without looking up an older
  // one, and the spelling dictionary learns each word once, with its count, at the end.
  std::unique_ptr<absl::flat_hash_map<std::string, Xapian::termcount>> rebuild_words_;
  // Changes up to here are gone from the change log; 0 at start, so that what a crash left
  // between an index commit and its drop is dropped too.
  uint64_t dropped_through_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;

  mutable std::mutex mu_;
  IndexerStats stats_;  // guarded by mu_
};

}  // namespace ror::search::app
