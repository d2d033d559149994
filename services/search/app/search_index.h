#pragma once

// The index of the search service: a Xapian database, with one writer (the indexer's thread)
// and a pool of readers for the queries, reopened on the writer's latest commit when they are
// next used; and the documents its hits show (DocumentStore), beside it in `dir`.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/search/app/document_store.h"
#include "services/search/app/positions.h"
#include "services/search/app/vocabulary.h"
#include "xapian.h"

namespace ror::search::app {

class SearchIndex {
 public:
  // Creates the index when `dir` holds none. Readers are served only by a database whose
  // layout metadata is `layout` (see visibility.h): an index built under another access policy
  // is never read, only rebuilt.
  static absl::StatusOr<std::unique_ptr<SearchIndex>> Open(const std::filesystem::path& dir,
                                                           std::string layout);

  // The writer; for the indexer's thread only.
  Xapian::WritableDatabase& writer() { return writer_; }
  // Commits the writer and lets the readers see it.
  absl::Status Commit();
  // Throws every document away (a rebuild): the writer starts on an empty database.
  absl::Status Reset();

  // The documents' stored versions, written by the indexer.
  DocumentStore& documents() { return *documents_; }
  // What a hit on `doc` shows, as `doc` was indexed. Inside Read only: when that version is
  // gone, the reader fell behind, and Read starts it again.
  v1::search::StoredDocument Stored(const Xapian::Document& doc) const;
  // The same for several, in one read of the store.
  std::vector<v1::search::StoredDocument> StoredMany(
      const std::vector<Xapian::Document>& docs) const;

  // The documents' positions, kept by the writer, read by the distance filter.
  Positions& positions() { return positions_; }
  const Positions& positions() const { return positions_; }
  // The words of the documents, kept by the writer, read by « vouliez-vous dire ».
  Vocabulary& vocabulary() { return vocabulary_; }
  const Vocabulary& vocabulary() const { return vocabulary_; }

  // Runs `read` on a reader at the latest commit. UNAVAILABLE while the index has another layout
  // (it is being rebuilt). A reader that the writer overtook or reset is reopened and `read` run
  // again, so `read` must start from scratch each time; other Xapian errors become INTERNAL.
  absl::Status Read(const std::function<absl::Status(const Xapian::Database&)>& read);

 private:
  struct Reader {
    Xapian::Database db;
    uint64_t generation = 0;
    uint64_t resets = 0;
  };

  SearchIndex(std::filesystem::path path, std::string layout)
      : path_(std::move(path)), layout_(std::move(layout)) {}
  std::unique_ptr<Reader> Acquire();
  void Release(std::unique_ptr<Reader> reader);

  const std::filesystem::path path_;  // of the Xapian database
  const std::string layout_;
  Xapian::WritableDatabase writer_;
  std::unique_ptr<DocumentStore> documents_;
  Positions positions_;
  Vocabulary vocabulary_;
  std::atomic<uint64_t> generation_{1};  // commits
  std::atomic<uint64_t> resets_{0};

  std::mutex mu_;
  std::vector<std::unique_ptr<Reader>> idle_;  // guarded by mu_
};

// Thrown by SearchIndex::Stored inside Read when the document store fails: Read answers its
// status (a version gone is Xapian's DatabaseModifiedError instead, and is read again).
class StoredDocumentError : public std::runtime_error {
 public:
  explicit StoredDocumentError(absl::Status status)
      : std::runtime_error(status.ToString()), status_(std::move(status)) {}
  const absl::Status& status() const { return status_; }

 private:
  absl::Status status_;
};

// A Xapian exception as a status naming what was being done.
absl::Status XapianError(const Xapian::Error& error, absl::string_view doing);

}  // namespace ror::search::app
