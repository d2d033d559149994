#include "services/search/app/read_model.h"

#include <cstdio>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "libs/bus/projection_rows.h"
#include "libs/common/status_macros.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"
#include "services/search/app/index_schema.h"

namespace ror::search::app {
namespace {

constexpr char kLastChange[] = "change";
// Changes dropped together beyond this many go as one range deletion.
constexpr uint64_t kDropAsRangeFrom = 100000;
constexpr char kEpoch[] = "epoch";
// Raised when the rows change shape: 2 = the EGs' dates are kept (etablissement_dates).
constexpr char kLayout[] = "2";
constexpr char kLayoutMeta[] = "search.readmodel.layout";

std::string EtabOffreKey(absl::string_view finess_eg, absl::string_view offre_id) {
  return absl::StrCat(finess_eg, "/", offre_id);
}

// One event's changes to the rows, and the documents they touch.
class Change {
 public:
  Change(bus::ProjectionWrite& write, IdGenerator& ids) : write_(write), ids_(ids) {}

  absl::StatusOr<std::optional<v1::search::OffreRow>> Offre(absl::string_view offre_id) {
    return bus::RowOf<v1::search::OffreRow>(write_.Get(kOffresCf, offre_id),
                                            "search read model: an offre row");
  }

  void PutOffre(const v1::search::OffreRow& row) {
    write_.Put(kOffresCf, row.offre_id(), row.SerializeAsString());
    Touch(schema::OffreKey(row.offre_id()));
    // An EG document carries the codes of its offres (recherche avancée, « Etablissements » tab).
    if (!row.finess_eg().empty()) Touch(schema::EtablissementKey(row.finess_eg()));
  }

  void Link(absl::string_view finess_eg, absl::string_view offre_id) {
    write_.Put(kEtabOffresCf, EtabOffreKey(finess_eg, offre_id), "");
  }
  void Unlink(absl::string_view finess_eg, absl::string_view offre_id) {
    write_.Delete(kEtabOffresCf, EtabOffreKey(finess_eg, offre_id));
    Touch(schema::EtablissementKey(finess_eg));
  }

  void PutEtablissement(const v1::EtablissementFiche& fiche,
                        const google::protobuf::Timestamp& updated_at, bus::ProjectionDb& db) {
    write_.Put(kEtablissementsCf, fiche.finess_eg(), fiche.SerializeAsString());
    write_.Put(kEtablissementDatesCf, fiche.finess_eg(), updated_at.SerializeAsString());
    Touch(schema::EtablissementKey(fiche.finess_eg()));
    // Its offres show its name, address and position: reindex those already committed (those
    // of this batch are in the change log already and read the new fiche when indexed).
    const std::string prefix = absl::StrCat(fiche.finess_eg(), "/");
    offres_to_touch_status_ =
        db.Scan(kEtabOffresCf, prefix, [&](absl::string_view key, absl::string_view) {
          key.remove_prefix(prefix.size());
          Touch(schema::OffreKey(key));
          return true;
        });
  }

  absl::Status Commit() {
    RETURN_IF_ERROR(offres_to_touch_status_);
    ASSIGN_OR_RETURN(std::optional<std::string> epoch, write_.Get(kStateCf, kEpoch));
    if (!epoch.has_value()) write_.Put(kStateCf, kEpoch, ids_.NewId());
    ASSIGN_OR_RETURN(uint64_t change, bus::CounterOf(write_.Get(kStateCf, kLastChange),
                                                     "search read model: the change counter"));
    for (const std::string& key : touched_) write_.Put(kChangesCf, ChangeKey(++change), key);
    write_.Put(kStateCf, kLastChange, absl::StrCat(change));
    return absl::OkStatus();
  }

 private:
  void Touch(std::string key) {
    if (seen_.insert(key).second) touched_.push_back(std::move(key));
  }

  bus::ProjectionWrite& write_;
  IdGenerator& ids_;
  std::vector<std::string> touched_;
  absl::flat_hash_set<std::string> seen_;
  absl::Status offres_to_touch_status_;
};

absl::Status ApplyOffreEvent(const v1::EventEnvelope& event, Change& change) {
  const std::string& type = event.event_type();
  if (type == "OffreCreated") {
    ASSIGN_OR_RETURN(auto created, bus::PayloadOf<v1::events::OffreCreated>(event));
    v1::search::OffreRow row;
    row.set_offre_id(created.offre_id());
    row.set_finess_eg(created.finess_eg());
    row.set_organisation_id(created.organisation_id());
    *row.mutable_updated_at() = event.occurred_at();
    if (!created.has_draft()) {
      // Written before drafts existed: published at once with its nom and champ.
      row.set_published(true);
      row.mutable_content()->set_nom(created.nom());
      row.mutable_content()->set_champ_activite(created.champ_activite());
    }
    change.Link(row.finess_eg(), row.offre_id());
    change.PutOffre(row);
    return absl::OkStatus();
  }
  // Drafts are never searched: their saves and discards change nothing here.
  if (type == "OffreDraftUpdated" || type == "DraftDiscarded") return absl::OkStatus();

  std::string offre_id;
  v1::events::DraftValidated validated;
  v1::events::OffreClosed closed;
  v1::events::OffreReopened reopened;
  v1::events::OffreMoved moved;
  if (type == "DraftValidated") {
    ASSIGN_OR_RETURN(validated, bus::PayloadOf<v1::events::DraftValidated>(event));
    offre_id = validated.offre_id();
  } else if (type == "OffreClosed") {
    ASSIGN_OR_RETURN(closed, bus::PayloadOf<v1::events::OffreClosed>(event));
    offre_id = closed.offre_id();
  } else if (type == "OffreReopened") {
    ASSIGN_OR_RETURN(reopened, bus::PayloadOf<v1::events::OffreReopened>(event));
    offre_id = reopened.offre_id();
  } else if (type == "OffreMoved") {
    ASSIGN_OR_RETURN(moved, bus::PayloadOf<v1::events::OffreMoved>(event));
    offre_id = moved.offre_id();
  } else {
    // A newer event type: this version cannot tell what it means, so it must not guess.
    return absl::FailedPreconditionError(absl::StrCat("event ", event.event_id(), ": type ", type,
                                                      " is unknown to this search service"));
  }
  ASSIGN_OR_RETURN(std::optional<v1::search::OffreRow> found, change.Offre(offre_id));
  if (!found.has_value()) {
    return absl::DataLossError(absl::StrCat("event ", event.event_id(), " (", type, "): offre ",
                                            offre_id, " was never created"));
  }
  v1::search::OffreRow row = std::move(*found);
  if (type == "DraftValidated") {
    row.set_published(true);
    *row.mutable_content() = validated.published();
    *row.mutable_updated_at() = event.occurred_at();
  } else if (type == "OffreClosed") {
    row.set_closed(true);
    row.set_closed_for_good(closed.definitive());
    row.set_reopening_date(closed.reopening_date());
    *row.mutable_updated_at() = event.occurred_at();
  } else if (type == "OffreReopened") {
    row.set_closed(false);
    row.set_reopening_date("");
    *row.mutable_updated_at() = event.occurred_at();
  } else {
    change.Unlink(row.finess_eg(), row.offre_id());
    row.set_finess_eg(moved.finess_eg());
    row.set_organisation_id(moved.organisation_id());
    change.Link(row.finess_eg(), row.offre_id());
    *row.mutable_updated_at() = event.occurred_at();
  }
  change.PutOffre(row);
  return absl::OkStatus();
}

}  // namespace

const std::vector<std::string>& ReadModelTopics() {
  static const auto* topics =
      new std::vector<std::string>{"ror.etablissement.events.v1", "ror.offre.events.v1"};
  return *topics;
}

bus::ProjectionDbOptions ReadModelDbOptions(std::string path) {
  return bus::ProjectionDbOptions{
      .path = std::move(path),
      .column_families = {kEtablissementsCf, kEtablissementDatesCf, kOffresCf, kEtabOffresCf,
                          kChangesCf, kStateCf}};
}

absl::Status EnsureReadModelLayout(bus::ProjectionDb& db) {
  return db.EnsureLayout(kLayoutMeta, kLayout);
}

std::string ChangeKey(uint64_t change) {
  char key[21];
  std::snprintf(key, sizeof key, "%020llu", static_cast<unsigned long long>(change));
  return key;
}

absl::Status ReadModelProjection::Apply(const v1::EventEnvelope& event,
                                        bus::ProjectionWrite& write) {
  // Search finds établissements by their EG's fiche, which names its EJ's number: the EJ's own
  // fiche adds nothing a search criterion reads.
  if (event.event_type() == "EntiteJuridiqueImported") return absl::OkStatus();
  Change change(write, ids_);
  if (event.event_type() == "EtablissementImported") {
    ASSIGN_OR_RETURN(auto imported, bus::PayloadOf<v1::events::EtablissementImported>(event));
    change.PutEtablissement(imported.fiche(), event.occurred_at(), write.db());
  } else {
    RETURN_IF_ERROR(ApplyOffreEvent(event, change));
  }
  return change.Commit();
}

absl::StatusOr<std::optional<v1::EtablissementFiche>> ReadModel::Etablissement(
    absl::string_view finess_eg) {
  return bus::RowOf<v1::EtablissementFiche>(db_.Get(kEtablissementsCf, finess_eg),
                                            "search read model: an EG row");
}

absl::StatusOr<google::protobuf::Timestamp> ReadModel::EtablissementUpdatedAt(
    absl::string_view finess_eg) {
  ASSIGN_OR_RETURN(std::optional<google::protobuf::Timestamp> at,
                   bus::RowOf<google::protobuf::Timestamp>(
                       db_.Get(kEtablissementDatesCf, finess_eg), "search read model: an EG date"));
  return at.value_or(google::protobuf::Timestamp());
}

absl::StatusOr<std::optional<v1::search::OffreRow>> ReadModel::Offre(absl::string_view offre_id) {
  return bus::RowOf<v1::search::OffreRow>(db_.Get(kOffresCf, offre_id),
                                          "search read model: an offre row");
}

absl::StatusOr<std::vector<v1::search::OffreRow>> ReadModel::OffresOf(absl::string_view finess_eg) {
  std::vector<std::string> ids;
  const std::string prefix = absl::StrCat(finess_eg, "/");
  RETURN_IF_ERROR(db_.Scan(kEtabOffresCf, prefix, [&](absl::string_view key, absl::string_view) {
    ids.emplace_back(key.substr(prefix.size()));
    return true;
  }));
  std::vector<v1::search::OffreRow> offres;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<v1::search::OffreRow> row, Offre(id));
    if (row.has_value()) offres.push_back(std::move(*row));
  }
  return offres;
}

absl::StatusOr<uint64_t> ReadModel::LastChange() {
  return bus::CounterOf(db_.Get(kStateCf, kLastChange), "search read model: the change counter");
}

absl::StatusOr<std::string> ReadModel::Epoch() {
  ASSIGN_OR_RETURN(std::optional<std::string> epoch, db_.Get(kStateCf, kEpoch));
  return epoch.value_or("");
}

absl::StatusOr<ReadModel::Changes> ReadModel::ChangesAfter(uint64_t after, size_t limit) {
  Changes changes;
  changes.last = after;
  RETURN_IF_ERROR(db_.ScanFrom(kChangesCf, ChangeKey(after + 1),
                               [&](absl::string_view key, absl::string_view value) {
                                 uint64_t number = 0;
                                 if (!absl::SimpleAtoi(key, &number)) return true;
                                 changes.keys.emplace_back(value);
                                 changes.last = number;
                                 return changes.keys.size() < limit;
                               }));
  return changes;
}

absl::Status ReadModel::DropChanges(uint64_t after, uint64_t through) {
  if (through <= after) return absl::OkStatus();
  // After a rebuild the log holds every change of the replay, millions of them: deleted one by
  // one, they held the first change that followed for seconds. One range then; the batches of
  // every day stay point deletes, so that ranges do not pile up for reads to step over.
  if (through - after > kDropAsRangeFrom) {
    return db_.DeleteRange(kChangesCf, ChangeKey(after + 1), ChangeKey(through + 1));
  }
  bus::ProjectionWrite write(db_);
  bool any = false;
  RETURN_IF_ERROR(
      db_.ScanFrom(kChangesCf, ChangeKey(after + 1), [&](absl::string_view key, absl::string_view) {
        if (key > ChangeKey(through)) return false;
        write.Delete(kChangesCf, key);
        any = true;
        return true;
      }));
  return any ? db_.Commit(write) : absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ReadModel::AllKeys() {
  std::vector<std::string> keys;
  RETURN_IF_ERROR(db_.Scan(kEtablissementsCf, "", [&](absl::string_view key, absl::string_view) {
    keys.push_back(schema::EtablissementKey(key));
    return true;
  }));
  RETURN_IF_ERROR(db_.Scan(kOffresCf, "", [&](absl::string_view key, absl::string_view) {
    keys.push_back(schema::OffreKey(key));
    return true;
  }));
  return keys;
}

}  // namespace ror::search::app
