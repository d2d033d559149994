#pragma once

// What a hit shows (v1::search::StoredDocument), kept in RocksDB beside the Xapian index rather
// than in Xapian's document data: glass compresses that data with zlib on the writer's thread,
// which cost a third of a rebuild (bench/README.md §10). Xapian's data is only the versioned key.
//
// A document is stored under its key and the index change that wrote it (VersionedKey). The
// versions a commit replaces stay until the next commit, so that a reader one commit behind,
// which Xapian still serves, finds the version it indexed; a reader further behind finds none
// and starts again (SearchIndex::Read), as Xapian has it do.
//
// The writer writes a commit's versions here before it commits Xapian, with the change they
// bring the store to: a store behind the index (a power loss ate its last writes) is detected.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "ror/v1/search_read_model.pb.h"

namespace ror::search::app {

// `key` (schema::EtablissementKey / OffreKey) as written by index change `version`.
std::string VersionedKey(absl::string_view key, uint64_t version);
// The key a VersionedKey was made of.
absl::string_view DocumentKeyOf(absl::string_view versioned_key);

class DocumentStore {
 public:
  static absl::StatusOr<std::unique_ptr<DocumentStore>> Open(const std::filesystem::path& path);
  ~DocumentStore();
  DocumentStore(const DocumentStore&) = delete;
  DocumentStore& operator=(const DocumentStore&) = delete;

  // The document of `versioned_key`; nullopt once that version is gone.
  absl::StatusOr<std::optional<v1::search::StoredDocument>> Get(
      absl::string_view versioned_key) const;

  // The documents of `versioned_keys`, in their order, in one read of the store (a page's hits).
  absl::StatusOr<std::vector<std::optional<v1::search::StoredDocument>>> GetMany(
      const std::vector<std::string>& versioned_keys) const;

  // The writes of one index commit.
  class Batch {
   public:
    explicit Batch(const DocumentStore& store) : documents_(store.documents_) {}
    void Put(const std::string& versioned_key, const v1::search::StoredDocument& stored);
    // A version the commit replaces or deletes: dropped at the next commit.
    void Replace(std::string versioned_key) { replaced_.push_back(std::move(versioned_key)); }

   private:
    friend class DocumentStore;
    rocksdb::ColumnFamilyHandle* documents_;
    rocksdb::WriteBatch batch_;
    std::vector<std::string> replaced_;
  };
  // Writes `batch`, records `change` as what the store holds up to, and drops the versions the
  // previous commit replaced.
  absl::Status Commit(Batch& batch, uint64_t change);
  // A rebuild's writes into a cleared store: no log, as a rebuild cut short starts again; the
  // rebuild's Commit (after Flush) makes them durable.
  absl::Status Bulk(Batch& batch);
  absl::Status Flush();
  // Throws every document away (a rebuild).
  absl::Status Clear();

  // The change the documents are up to (Commit); 0 when none.
  absl::StatusOr<uint64_t> Change() const;
  // The latest version of every document.
  absl::Status ForEachLatest(
      const std::function<void(const v1::search::StoredDocument&)>& visit) const;

 private:
  DocumentStore() = default;
  absl::StatusOr<std::vector<std::string>> PendingReplaced() const;

  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* documents_ = nullptr;
  rocksdb::ColumnFamilyHandle* state_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace ror::search::app
