#include "services/search/app/search_index.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/common/status_macros.h"
#include "services/search/app/index_schema.h"

namespace ror::search::app {
namespace {

// Commits are not synced: the index is derived from the read model, which the indexer replays
// from the last change the index recorded, and a damaged index is rebuilt (Open).
constexpr int kWriterFlags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_NO_SYNC;

}  // namespace

absl::Status XapianError(const Xapian::Error& error, absl::string_view doing) {
  return absl::InternalError(
      absl::StrCat("search index: ", doing, ": ", error.get_type(), ": ", error.get_msg()));
}

absl::StatusOr<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::filesystem::path& dir,
                                                               std::string layout) {
  const std::filesystem::path path = dir / "xapian";
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("search index: cannot create ", dir.string(), ": ", error.message()));
  }
  std::unique_ptr<SearchIndex> index(new SearchIndex(path, std::move(layout)));
  ASSIGN_OR_RETURN(index->documents_, DocumentStore::Open(dir / "documents"));
  try {
    index->writer_ = Xapian::WritableDatabase(path.string(), kWriterFlags);
  } catch (const Xapian::DatabaseLockError& error) {
    return XapianError(error, absl::StrCat("cannot open ", path.string()));
  } catch (const Xapian::DatabaseError& error) {
    // Unsynced commits may leave a damaged index after a power loss: it is only derived data,
    // and an empty one is rebuilt (Indexer::CatchUp).
    log::Warn("search index unreadable; starting it again empty",
              {{"path", path.string()}, {"error", error.get_msg()}});
    try {
      std::filesystem::remove_all(path);
      index->writer_ = Xapian::WritableDatabase(path.string(), kWriterFlags);
    } catch (const Xapian::Error& again) {
      return XapianError(again, absl::StrCat("cannot create ", path.string()));
    }
  } catch (const Xapian::Error& error) {
    return XapianError(error, absl::StrCat("cannot open ", path.string()));
  }
  try {
    index->positions_.Load(index->writer_, schema::kSlotLatLong);
  } catch (const Xapian::Error& error) {
    return XapianError(error, "cannot read the positions");
  }
  RETURN_IF_ERROR(index->vocabulary_.Load(*index->documents_));
  return index;
}

v1::search::StoredDocument SearchIndex::Stored(const Xapian::Document& doc) const {
  return std::move(StoredMany({doc}).front());
}

std::vector<v1::search::StoredDocument> SearchIndex::StoredMany(
    const std::vector<Xapian::Document>& docs) const {
  std::vector<std::string> keys;
  keys.reserve(docs.size());
  for (const Xapian::Document& doc : docs) keys.push_back(doc.get_data());
  absl::StatusOr<std::vector<std::optional<v1::search::StoredDocument>>> stored =
      documents_->GetMany(keys);
  if (!stored.ok()) throw StoredDocumentError(stored.status());
  std::vector<v1::search::StoredDocument> out;
  out.reserve(docs.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    // As Stored: a version gone means the reader fell behind, and Read starts it again.
    if (!(*stored)[i].has_value()) {
      throw Xapian::DatabaseModifiedError("stored document " + keys[i] + " replaced");
    }
    out.push_back(*std::move((*stored)[i]));
  }
  return out;
}

absl::Status SearchIndex::Commit() {
  try {
    writer_.commit();
  } catch (const Xapian::Error& error) {
    return XapianError(error, "commit");
  }
  generation_.fetch_add(1);
  return absl::OkStatus();
}

absl::Status SearchIndex::Reset() {
  try {
    writer_.close();
    writer_ = Xapian::WritableDatabase(path_.string(),
                                       Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
  } catch (const Xapian::Error& error) {
    return XapianError(error, "reset");
  }
  RETURN_IF_ERROR(documents_->Clear());
  positions_.Clear();
  vocabulary_.Reset({});
  resets_.fetch_add(1);
  generation_.fetch_add(1);
  return absl::OkStatus();
}

std::unique_ptr<SearchIndex::Reader> SearchIndex::Acquire() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Reader> reader = std::move(idle_.back());
      idle_.pop_back();
      return reader;
    }
  }
  auto reader = std::make_unique<Reader>();
  reader->resets = resets_.load();
  reader->generation = generation_.load();
  reader->db = Xapian::Database(path_.string());
  return reader;
}

void SearchIndex::Release(std::unique_ptr<Reader> reader) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(reader));
}

absl::Status SearchIndex::Read(const std::function<absl::Status(const Xapian::Database&)>& read) {
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<Reader> reader;
    try {
      reader = Acquire();
      const uint64_t generation = generation_.load();
      if (reader->generation != generation) {
        const uint64_t resets = resets_.load();
        if (reader->resets != resets) {
          // A reset replaced the files: reopen() cannot follow that, a new handle can.
          reader->db = Xapian::Database(path_.string());
          reader->resets = resets;
        } else {
          reader->db.reopen();
        }
        reader->generation = generation;
      }
      if (reader->db.get_metadata(schema::kMetaLayout) != layout_) {
        Release(std::move(reader));
        return absl::UnavailableError(
            "l'index de recherche est en cours de construction ; réessayez dans un instant");
      }
      absl::Status status = read(reader->db);
      Release(std::move(reader));
      return status;
    } catch (const Xapian::DatabaseError& error) {
      // The writer committed twice since this reader last looked (DatabaseModifiedError), or
      // reset the files under it: start again on a fresh handle.
      if (attempt >= 3) return XapianError(error, "read");
      if (reader) {
        reader->generation = 0;
        reader->resets = ~uint64_t{0};
        Release(std::move(reader));
      }
    } catch (const Xapian::Error& error) {
      return XapianError(error, "read");
    } catch (const StoredDocumentError& error) {
      return error.status();
    }
  }
}

}  // namespace ror::search::app
