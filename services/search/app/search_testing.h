#pragma once

// Test support: envelopes as the offre service publishes them, applied to a read model and
// indexed, without Kafka.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "libs/bus/projection_db.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "ror/v1/envelope.pb.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/indexer.h"
#include "services/search/app/read_model.h"
#include "services/search/app/search_index.h"
#include "services/search/app/visibility.h"

namespace ror::search::testing {

template <typename T>
v1::EventEnvelope EnvelopeOf(const std::string& stream_id, int64_t version, const T& event) {
  v1::EventEnvelope envelope;
  envelope.set_event_id(absl::StrCat(stream_id, "#", version));
  envelope.set_event_type(T::descriptor()->name());
  envelope.set_schema_version(1);
  envelope.set_stream_id(stream_id);
  envelope.set_stream_version(version);
  envelope.set_payload(event.SerializeAsString());
  return envelope;
}

inline v1::EventEnvelope Imported(const v1::EtablissementFiche& fiche) {
  v1::events::EtablissementImported imported;
  *imported.mutable_fiche() = fiche;
  imported.set_created(true);
  return EnvelopeOf(absl::StrCat("etablissement-", fiche.finess_eg()), 1, imported);
}

// An offre created as a draft, then validated: the two events of the seeds' workflow.
inline std::vector<v1::EventEnvelope> PublishedOffre(const std::string& offre_id,
                                                     const std::string& finess_eg,
                                                     const v1::OffreContent& content) {
  const std::string stream = absl::StrCat("offre-", offre_id);
  v1::events::OffreCreated created;
  created.set_offre_id(offre_id);
  created.set_finess_eg(finess_eg);
  created.set_nom(content.nom());
  created.set_champ_activite(content.champ_activite());
  *created.mutable_draft() = content;
  v1::events::DraftValidated validated;
  validated.set_offre_id(offre_id);
  *validated.mutable_published() = content;
  return {EnvelopeOf(stream, 1, created), EnvelopeOf(stream, 2, validated)};
}

// A read model and its index in a directory, fed directly.
class IndexedDirectory {
 public:
  IndexedDirectory(const std::filesystem::path& dir, const nomenclature::Nomenclatures& codes,
                   app::IndexerOptions options = {})
      : dir_(dir),
        labels_(codes),
        builder_(labels_),
        ids_(clock_, 42),
        projection_(ids_),
        options_(std::move(options)) {
    db_ = *bus::ProjectionDb::Open(app::ReadModelDbOptions((dir / "readmodel").string()));
    model_ = std::make_unique<app::ReadModel>(*db_);
    OpenIndex();
  }

  // Applies `events` in one commit, then brings the index up to date.
  absl::Status Apply(const std::vector<v1::EventEnvelope>& events) {
    bus::ProjectionWrite write(*db_);
    for (const v1::EventEnvelope& event : events) {
      if (absl::Status s = projection_.Apply(event, write); !s.ok()) return s;
    }
    if (absl::Status s = db_->Commit(write); !s.ok()) return s;
    return indexer_->CatchUp();
  }

  // Drops the index (Xapian and stored documents) from disk and builds it again from the read
  // model.
  absl::Status DropIndex() {
    indexer_.reset();
    index_.reset();
    std::filesystem::remove_all(dir_ / "index");
    OpenIndex();
    return indexer_->CatchUp();
  }

  // Closes the index and opens it again, as a restart does.
  void ReopenIndex() {
    indexer_.reset();
    index_.reset();
    OpenIndex();
  }

  app::SearchIndex& index() { return *index_; }
  app::Indexer& indexer() { return *indexer_; }

 private:
  void OpenIndex() {
    index_ = *app::SearchIndex::Open(dir_ / "index", app::IndexLayout());
    indexer_ = std::make_unique<app::Indexer>(*model_, *index_, builder_, options_);
  }

  std::filesystem::path dir_;
  app::Labels labels_;
  app::DocumentBuilder builder_;
  FakeClock clock_;
  IdGenerator ids_;
  app::ReadModelProjection projection_;
  const app::IndexerOptions options_;
  std::unique_ptr<bus::ProjectionDb> db_;
  std::unique_ptr<app::ReadModel> model_;
  std::unique_ptr<app::SearchIndex> index_;
  std::unique_ptr<app::Indexer> indexer_;
};

}  // namespace ror::search::testing
