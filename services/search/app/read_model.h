#pragma once

// The search service's read model: the directory's établissements and published offres, kept
// from the bus (ror.etablissement.events.v1, ror.offre.events.v1) in a ProjectionDb, plus a log
// of the index documents each change touched. The indexer (indexer.h) follows that log into
// Xapian; rows, log and Kafka offsets are committed together, so the index can always catch up.
//
// Column families:
//   etablissements  finess_eg                → v1::EtablissementFiche
//   etablissement_dates  finess_eg           → google.protobuf.Timestamp of its last change
//   offres          offre_id                 → v1::search::OffreRow
//   etab_offres     finess_eg "/" offre_id   → ""  (the offres hanging on an EG)
//   changes         change number (20 digits) → document key (schema::EtablissementKey/OffreKey)
//   state           "change" → last change number; "epoch" → id of this generation of rows

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/timestamp.pb.h"
#include "libs/bus/projection_db.h"
#include "libs/bus/subscriber.h"
#include "libs/common/ids.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/search_read_model.pb.h"

namespace ror::search::app {

inline constexpr char kEtablissementsCf[] = "etablissements";
inline constexpr char kEtablissementDatesCf[] = "etablissement_dates";
inline constexpr char kOffresCf[] = "offres";
inline constexpr char kEtabOffresCf[] = "etab_offres";
inline constexpr char kChangesCf[] = "changes";
inline constexpr char kStateCf[] = "state";

// The topics the read model follows.
const std::vector<std::string>& ReadModelTopics();

bus::ProjectionDbOptions ReadModelDbOptions(std::string path);

// Empties a read model written under another layout (what its rows hold), so that the subscriber
// rebuilds it from the bus, and the index after it (a new epoch).
absl::Status EnsureReadModelLayout(bus::ProjectionDb& db);

// The change number as a key that sorts as the number does.
std::string ChangeKey(uint64_t change);

class ReadModelProjection final : public bus::Projection {
 public:
  // `ids` names each new generation of rows (the epoch), so the index sees a rebuild.
  explicit ReadModelProjection(IdGenerator& ids) : ids_(ids) {}
  absl::Status Apply(const v1::EventEnvelope& event, bus::ProjectionWrite& write) override;

 private:
  IdGenerator& ids_;
};

// Reads of the committed rows, for the indexer.
class ReadModel {
 public:
  explicit ReadModel(bus::ProjectionDb& db) : db_(db) {}

  absl::StatusOr<std::optional<v1::EtablissementFiche>> Etablissement(absl::string_view finess_eg);
  // When the EG last changed (its last EtablissementImported); the epoch when unknown.
  absl::StatusOr<google::protobuf::Timestamp> EtablissementUpdatedAt(absl::string_view finess_eg);
  absl::StatusOr<std::optional<v1::search::OffreRow>> Offre(absl::string_view offre_id);
  absl::StatusOr<std::vector<v1::search::OffreRow>> OffresOf(absl::string_view finess_eg);
  // The last change number and the rows' epoch (empty before the first event).
  absl::StatusOr<uint64_t> LastChange();
  absl::StatusOr<std::string> Epoch();
  // Document keys of the changes after `after`, at most `limit`, with the last number read.
  struct Changes {
    std::vector<std::string> keys;
    uint64_t last = 0;
  };
  absl::StatusOr<Changes> ChangesAfter(uint64_t after, size_t limit);
  // Forgets the changes after `after` up to `through`, once the index holds them (tombstones
  // until RocksDB compacts them away: one range for the many after a rebuild).
  absl::Status DropChanges(uint64_t after, uint64_t through);
  // Every document key of the rows (a full reindex).
  absl::StatusOr<std::vector<std::string>> AllKeys();

  bus::ProjectionDb& db() { return db_; }

 private:
  bus::ProjectionDb& db_;
};

}  // namespace ror::search::app
