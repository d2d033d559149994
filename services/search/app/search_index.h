#pragma once

// The Xapian database of the search service: one writer (the indexer's thread) and a pool of
// readers for the queries, reopened on the writer's latest commit when they are next used.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/status/statusor.h"
#include "xapian.h"

namespace ror::search::app {

class SearchIndex {
 public:
  // Creates the database when `path` holds none.
  static absl::StatusOr<std::unique_ptr<SearchIndex>> Open(const std::filesystem::path& path);

  // The writer; for the indexer's thread only.
  Xapian::WritableDatabase& writer() { return writer_; }
  // Commits the writer and lets the readers see it.
  absl::Status Commit();
  // Throws every document away (a rebuild): the writer starts on an empty database.
  absl::Status Reset();

  // Runs `read` on a reader at the latest commit. Xapian errors become INTERNAL; a reader that
  // the writer overtook is reopened and `read` run again.
  absl::Status Read(const std::function<absl::Status(const Xapian::Database&)>& read);

 private:
  struct Reader {
    Xapian::Database db;
    uint64_t generation = 0;
    uint64_t resets = 0;
  };

  explicit SearchIndex(std::filesystem::path path) : path_(std::move(path)) {}
  std::unique_ptr<Reader> Acquire();
  void Release(std::unique_ptr<Reader> reader);

  const std::filesystem::path path_;
  Xapian::WritableDatabase writer_;
  std::atomic<uint64_t> generation_{1};  // commits
  std::atomic<uint64_t> resets_{0};

  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> idle_;  // guarded by mu_
};

// A Xapian exception as a status naming what was being done.
absl::Status XapianError(const Xapian::Error& error, absl::string_view doing);

}  // namespace ror::search::app
