#include "gateway/directory/directory.h"

#include <cstdio>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "libs/bus/projection_rows.h"
#include "libs/common/status_macros.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"
#include "ror/v1/events/organisation_events.pb.h"

namespace ror::gateway::directory {
namespace {

using v1::gateway::DirectoryChange;
using v1::gateway::DirectoryEntiteJuridique;
using v1::gateway::DirectoryEtablissement;
using v1::gateway::DirectoryOffre;
using v1::gateway::DirectoryOrganisation;

constexpr char kEntitesJuridiquesCf[] = "entites_juridiques";
constexpr char kEtablissementsCf[] = "etablissements";
constexpr char kOrganisationsCf[] = "organisations";
constexpr char kOffresCf[] = "offres";
constexpr char kChangesCf[] = "changes";
constexpr char kChangeIdsCf[] = "change_ids";
constexpr char kStateCf[] = "state";
constexpr char kSequence[] = "sequence";
constexpr char kEpoch[] = "epoch";
// Raised when the rows or the log change shape: 2 = changes carry their EG (and a moved offre's
// previous one) and event id, and organisations internes are kept.
constexpr char kLayout[] = "2";
constexpr char kLayoutMeta[] = "gateway.directory.layout";

std::string SequenceKey(uint64_t sequence) {
  char key[21];
  std::snprintf(key, sizeof key, "%020llu", static_cast<unsigned long long>(sequence));
  return key;
}

// A new numbering's id: what tells positions of a rebuilt log from those of this one.
std::string NewEpoch() {
  absl::BitGen random;
  return absl::StrCat(absl::Hex(absl::ToUnixMicros(absl::Now())), "-",
                      absl::Hex(absl::Uniform<uint32_t>(random)));
}

// Appends one change of a resource to the log.
absl::Status Log(bus::ProjectionWrite& write, const char* type, const std::string& id,
                 const std::string& finess_eg, const v1::EventEnvelope& event, bool deleted,
                 const std::string& previous_finess_eg = "", const std::string& finess_ej = "") {
  ASSIGN_OR_RETURN(uint64_t sequence, bus::CounterOf(write.Get(kStateCf, kSequence),
                                                     "gateway directory: the sequence"));
  DirectoryChange change;
  change.set_resource_type(type);
  change.set_id(id);
  *change.mutable_at() = event.occurred_at();
  change.set_deleted(deleted);
  change.set_finess_eg(finess_eg);
  change.set_event_id(event.event_id());
  if (previous_finess_eg != finess_eg) change.set_previous_finess_eg(previous_finess_eg);
  change.set_finess_ej(finess_ej);
  write.Put(kChangesCf, SequenceKey(++sequence), change.SerializeAsString());
  write.Put(kChangeIdsCf, event.event_id(), SequenceKey(sequence));
  write.Put(kStateCf, kSequence, absl::StrCat(sequence));
  ASSIGN_OR_RETURN(std::optional<std::string> epoch, write.Get(kStateCf, kEpoch));
  if (!epoch.has_value()) write.Put(kStateCf, kEpoch, NewEpoch());
  return absl::OkStatus();
}

absl::Status ApplyEtablissement(const v1::EventEnvelope& event, bus::ProjectionWrite& write) {
  ASSIGN_OR_RETURN(auto imported, bus::PayloadOf<v1::events::EtablissementImported>(event));
  const std::string& finess = imported.fiche().finess_eg();
  ASSIGN_OR_RETURN(std::optional<DirectoryEtablissement> row,
                   bus::RowOf<DirectoryEtablissement>(write.Get(kEtablissementsCf, finess),
                                                      "gateway directory: an EG"));
  DirectoryEtablissement next;
  *next.mutable_fiche() = imported.fiche();
  *next.mutable_created_at() = row.has_value() ? row->created_at() : event.occurred_at();
  *next.mutable_updated_at() = event.occurred_at();
  write.Put(kEtablissementsCf, finess, next.SerializeAsString());
  return Log(write, kOrganization, finess, finess, event, false);
}

absl::Status ApplyEntiteJuridique(const v1::EventEnvelope& event, bus::ProjectionWrite& write) {
  ASSIGN_OR_RETURN(auto imported, bus::PayloadOf<v1::events::EntiteJuridiqueImported>(event));
  const std::string& finess = imported.fiche().finess_ej();
  ASSIGN_OR_RETURN(std::optional<DirectoryEntiteJuridique> row,
                   bus::RowOf<DirectoryEntiteJuridique>(write.Get(kEntitesJuridiquesCf, finess),
                                                        "gateway directory: an EJ"));
  DirectoryEntiteJuridique next;
  *next.mutable_fiche() = imported.fiche();
  *next.mutable_created_at() = row.has_value() ? row->created_at() : event.occurred_at();
  *next.mutable_updated_at() = event.occurred_at();
  write.Put(kEntitesJuridiquesCf, finess, next.SerializeAsString());
  return Log(write, kOrganization, finess, /*finess_eg=*/"", event, false, "", finess);
}

absl::Status ApplyOrganisation(const v1::EventEnvelope& event, bus::ProjectionWrite& write) {
  const std::string& type = event.event_type();
  DirectoryOrganisation row;
  if (type == "OrganisationCreated") {
    ASSIGN_OR_RETURN(auto created, bus::PayloadOf<v1::events::OrganisationCreated>(event));
    row.set_organisation_id(created.organisation_id());
    row.set_type(created.type());
    row.set_nom(created.nom());
    row.set_finess_eg(created.finess_eg());
    row.set_parent_id(created.parent_id());
    row.set_boite_lettre_mss(created.boite_lettre_mss());
    *row.mutable_created_at() = event.occurred_at();
  } else {
    v1::events::OrganisationUpdated updated;
    v1::events::OrganisationClosed closed;
    std::string id;
    if (type == "OrganisationUpdated") {
      ASSIGN_OR_RETURN(updated, bus::PayloadOf<v1::events::OrganisationUpdated>(event));
      id = updated.organisation_id();
    } else if (type == "OrganisationClosed") {
      ASSIGN_OR_RETURN(closed, bus::PayloadOf<v1::events::OrganisationClosed>(event));
      id = closed.organisation_id();
    } else {
      return absl::FailedPreconditionError(
          absl::StrCat("event ", event.event_id(), ": type ", type, " is unknown to this gateway"));
    }
    ASSIGN_OR_RETURN(std::optional<DirectoryOrganisation> found,
                     bus::RowOf<DirectoryOrganisation>(write.Get(kOrganisationsCf, id),
                                                       "gateway directory: an organisation"));
    if (!found.has_value()) {
      return absl::DataLossError(absl::StrCat("event ", event.event_id(), " (", type,
                                              "): organisation ", id, " was never created"));
    }
    row = *std::move(found);
    if (type == "OrganisationUpdated") {
      row.set_nom(updated.nom());
      row.set_boite_lettre_mss(updated.boite_lettre_mss());
    } else {
      row.set_closed(true);
    }
  }
  *row.mutable_updated_at() = event.occurred_at();
  write.Put(kOrganisationsCf, row.organisation_id(), row.SerializeAsString());
  return Log(write, kOrganization, row.organisation_id(), row.finess_eg(), event, false);
}

absl::Status ApplyOffre(const v1::EventEnvelope& event, bus::ProjectionWrite& write) {
  const std::string& type = event.event_type();
  // Drafts stay in the offre service: their saves and discards change nothing published.
  if (type == "OffreDraftUpdated" || type == "DraftDiscarded") return absl::OkStatus();
  if (type == "OffreCreated") {
    ASSIGN_OR_RETURN(auto created, bus::PayloadOf<v1::events::OffreCreated>(event));
    DirectoryOffre row;
    row.set_offre_id(created.offre_id());
    row.set_finess_eg(created.finess_eg());
    row.set_organisation_id(created.organisation_id());
    *row.mutable_created_at() = event.occurred_at();
    *row.mutable_updated_at() = event.occurred_at();
    // Written before drafts existed: published at once with its nom and champ.
    row.set_published(!created.has_draft());
    if (row.published()) {
      row.mutable_content()->set_nom(created.nom());
      row.mutable_content()->set_champ_activite(created.champ_activite());
    }
    write.Put(kOffresCf, row.offre_id(), row.SerializeAsString());
    if (!row.published()) return absl::OkStatus();
    return Log(write, kHealthcareService, row.offre_id(), row.finess_eg(), event, false);
  }
  std::string offre_id;
  v1::events::DraftValidated validated;
  v1::events::OffreClosed closed;
  v1::events::OffreMoved moved;
  if (type == "DraftValidated") {
    ASSIGN_OR_RETURN(validated, bus::PayloadOf<v1::events::DraftValidated>(event));
    offre_id = validated.offre_id();
  } else if (type == "OffreClosed") {
    ASSIGN_OR_RETURN(closed, bus::PayloadOf<v1::events::OffreClosed>(event));
    offre_id = closed.offre_id();
  } else if (type == "OffreReopened") {
    ASSIGN_OR_RETURN(auto reopened, bus::PayloadOf<v1::events::OffreReopened>(event));
    offre_id = reopened.offre_id();
  } else if (type == "OffreMoved") {
    ASSIGN_OR_RETURN(moved, bus::PayloadOf<v1::events::OffreMoved>(event));
    offre_id = moved.offre_id();
  } else {
    // A newer event type: this version cannot tell what it means, so it must not guess.
    return absl::FailedPreconditionError(
        absl::StrCat("event ", event.event_id(), ": type ", type, " is unknown to this gateway"));
  }
  ASSIGN_OR_RETURN(
      std::optional<DirectoryOffre> found,
      bus::RowOf<DirectoryOffre>(write.Get(kOffresCf, offre_id), "gateway directory: an offre"));
  if (!found.has_value()) {
    return absl::DataLossError(absl::StrCat("event ", event.event_id(), " (", type, "): offre ",
                                            offre_id, " was never created"));
  }
  DirectoryOffre row = *std::move(found);
  if (type == "DraftValidated") {
    row.set_published(true);
    *row.mutable_content() = validated.published();
  } else if (type == "OffreClosed") {
    row.set_closed(true);
    row.set_closed_for_good(closed.definitive());
    *row.mutable_closed_at() = event.occurred_at();
    row.set_reopening_date(closed.reopening_date());
  } else if (type == "OffreReopened") {
    row.set_closed(false);
    row.clear_closed_at();
    row.set_reopening_date("");
  }
  const std::string previous_finess_eg = row.finess_eg();
  if (type == "OffreMoved") {
    row.set_finess_eg(moved.finess_eg());
    row.set_organisation_id(moved.organisation_id());
  }
  *row.mutable_updated_at() = event.occurred_at();
  write.Put(kOffresCf, row.offre_id(), row.SerializeAsString());
  if (!row.published()) return absl::OkStatus();
  return Log(write, kHealthcareService, row.offre_id(), row.finess_eg(), event,
             row.closed_for_good(), previous_finess_eg);
}

}  // namespace

std::string PositionText(const LogPosition& position) {
  if (position.epoch.empty()) return absl::StrCat(position.sequence);
  return absl::StrCat(position.sequence, "@", position.epoch);
}

std::optional<LogPosition> ParsePosition(absl::string_view text) {
  const std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(text, absl::MaxSplits('@', 1));
  LogPosition position;
  if (!absl::SimpleAtoi(parts.first, &position.sequence) || position.sequence == UINT64_MAX) {
    return std::nullopt;
  }
  if (text.find('@') != absl::string_view::npos) {
    if (parts.second.empty()) return std::nullopt;
    position.epoch = std::string(parts.second);
  }
  return position;
}

const std::vector<std::string>& DirectoryTopics() {
  static const auto* topics = new std::vector<std::string>{
      "ror.etablissement.events.v1", "ror.organisation.events.v1", "ror.offre.events.v1"};
  return *topics;
}

bus::ProjectionDbOptions DirectoryDbOptions(std::string path) {
  return bus::ProjectionDbOptions{
      .path = std::move(path),
      .column_families = {kEntitesJuridiquesCf, kEtablissementsCf, kOrganisationsCf, kOffresCf,
                          kChangesCf, kChangeIdsCf, kStateCf}};
}

absl::Status EnsureLayout(bus::ProjectionDb& db) {
  RETURN_IF_ERROR(db.EnsureLayout(kLayoutMeta, kLayout));
  // Numbered from the start, empty or not: no position is ever written without its epoch.
  ASSIGN_OR_RETURN(std::optional<std::string> epoch, db.Get(kStateCf, kEpoch));
  if (epoch.has_value()) return absl::OkStatus();
  bus::ProjectionWrite write(db);
  write.Put(kStateCf, kEpoch, NewEpoch());
  return db.Commit(write);
}

absl::Status DirectoryProjection::Apply(const v1::EventEnvelope& event,
                                        bus::ProjectionWrite& write) {
  if (event.event_type() == "EtablissementImported") return ApplyEtablissement(event, write);
  if (event.event_type() == "EntiteJuridiqueImported") return ApplyEntiteJuridique(event, write);
  if (absl::StartsWith(event.event_type(), "Organisation")) return ApplyOrganisation(event, write);
  return ApplyOffre(event, write);
}

absl::StatusOr<std::optional<DirectoryOffre>> Directory::Offre(absl::string_view offre_id) {
  return bus::RowOf<DirectoryOffre>(db_.Get(kOffresCf, offre_id), "gateway directory: an offre");
}

absl::StatusOr<std::optional<DirectoryEtablissement>> Directory::Etablissement(
    absl::string_view finess_eg) {
  return bus::RowOf<DirectoryEtablissement>(db_.Get(kEtablissementsCf, finess_eg),
                                            "gateway directory: an EG");
}

absl::StatusOr<std::optional<DirectoryOrganisation>> Directory::Organisation(
    absl::string_view organisation_id) {
  return bus::RowOf<DirectoryOrganisation>(db_.Get(kOrganisationsCf, organisation_id),
                                           "gateway directory: an organisation");
}

absl::StatusOr<std::optional<DirectoryEntiteJuridique>> Directory::EntiteJuridique(
    absl::string_view finess_ej) {
  return bus::RowOf<DirectoryEntiteJuridique>(db_.Get(kEntitesJuridiquesCf, finess_ej),
                                              "gateway directory: an EJ");
}

absl::StatusOr<std::vector<Directory::Change>> Directory::ChangesAfter(uint64_t after,
                                                                       size_t limit) {
  std::vector<Change> changes;
  absl::Status parsed = absl::OkStatus();
  RETURN_IF_ERROR(db_.ScanFrom(
      kChangesCf, SequenceKey(after + 1), [&](absl::string_view key, absl::string_view value) {
        Change change;
        if (!absl::SimpleAtoi(key, &change.sequence) ||
            !change.change.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
          parsed = absl::DataLossError("gateway directory: a change does not parse");
          return false;
        }
        changes.push_back(std::move(change));
        return changes.size() < limit;
      }));
  RETURN_IF_ERROR(parsed);
  return changes;
}

absl::StatusOr<uint64_t> Directory::LastSequence() {
  return bus::CounterOf(db_.Get(kStateCf, kSequence), "gateway directory: the sequence");
}

absl::StatusOr<std::string> Directory::Epoch() {
  ASSIGN_OR_RETURN(std::optional<std::string> epoch, db_.Get(kStateCf, kEpoch));
  return epoch.value_or("");
}

absl::StatusOr<LogPosition> Directory::Head() {
  ASSIGN_OR_RETURN(std::string epoch, Epoch());
  ASSIGN_OR_RETURN(const uint64_t last, LastSequence());
  return LogPosition{.sequence = last, .epoch = std::move(epoch)};
}

absl::StatusOr<LogPosition> Directory::Resume(const LogPosition& position) {
  ASSIGN_OR_RETURN(std::string epoch, Epoch());
  const bool same = position.epoch.empty() || position.epoch == epoch;
  return LogPosition{.sequence = same ? position.sequence : 0, .epoch = std::move(epoch)};
}

absl::StatusOr<std::optional<uint64_t>> Directory::SequenceOf(absl::string_view event_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> key, db_.Get(kChangeIdsCf, event_id));
  uint64_t sequence = 0;
  if (!key.has_value()) return std::optional<uint64_t>();
  if (!absl::SimpleAtoi(*key, &sequence)) {
    return absl::DataLossError("gateway directory: an event's sequence does not parse");
  }
  return std::optional<uint64_t>(sequence);
}

namespace {

// Visits every row of `cf` parsed as T; DATA_LOSS when one does not parse.
template <typename T>
absl::Status ForEachRow(bus::ProjectionDb& db, const char* cf, absl::string_view what,
                        const std::function<bool(const T&)>& visit) {
  absl::Status parsed = absl::OkStatus();
  RETURN_IF_ERROR(db.Scan(cf, "", [&](absl::string_view, absl::string_view value) {
    T row;
    if (!row.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      parsed = absl::DataLossError(absl::StrCat("gateway directory: ", what, " does not parse"));
      return false;
    }
    return visit(row);
  }));
  return parsed;
}

}  // namespace

absl::Status Directory::ForEachOffre(const std::function<bool(const DirectoryOffre&)>& visit) {
  return ForEachRow<DirectoryOffre>(db_, kOffresCf, "an offre", visit);
}

absl::Status Directory::ForEachEtablissement(
    const std::function<bool(const DirectoryEtablissement&)>& visit) {
  return ForEachRow<DirectoryEtablissement>(db_, kEtablissementsCf, "an EG", visit);
}

absl::Status Directory::ForEachOrganisation(
    const std::function<bool(const DirectoryOrganisation&)>& visit) {
  return ForEachRow<DirectoryOrganisation>(db_, kOrganisationsCf, "an organisation", visit);
}

absl::Status Directory::ForEachEntiteJuridique(
    const std::function<bool(const DirectoryEntiteJuridique&)>& visit) {
  return ForEachRow<DirectoryEntiteJuridique>(db_, kEntitesJuridiquesCf, "an EJ", visit);
}

}  // namespace ror::gateway::directory
