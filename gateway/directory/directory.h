#pragma once

// The directory as the gateway keeps it from the bus (ror.etablissement.events.v1,
// ror.organisation.events.v1, ror.offre.events.v1) in a ProjectionDb: entités juridiques,
// établissements, their organisations internes, published offres, and the log of every
// change of a FHIR resource, in order — what the FHIR facade reads, _history replays and the
// change feeds follow, without a service call per request. Delete it and it is rebuilt from the
// bus (libs/bus exactly-once: rows, log and Kafka offsets in one WriteBatch).
//
// Column families:
//   entites_juridiques  finess_ej             → DirectoryEntiteJuridique
//   etablissements  finess_eg                 → DirectoryEtablissement
//   organisations   organisation_id           → DirectoryOrganisation
//   offres          offre_id                  → DirectoryOffre (drafts never: only what was
//                                               validated is published)
//   changes         sequence (20 digits)      → DirectoryChange
//   change_ids      event id                  → its change's sequence (20 digits)
//   state           "sequence"                → the last sequence; "epoch" → the numbering's id
//
// The sequences number the changes in the order this directory applied them. A directory rebuilt
// from the bus numbers them anew, in another interleaving of the topics' partitions, under a new
// epoch: a consumer's position (LogPosition) of another epoch then starts again from the
// beginning, where each change's event id lets it pass over what it had. Nothing is skipped.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/bus/projection_db.h"
#include "libs/bus/subscriber.h"
#include "ror/v1/gateway_directory.pb.h"

namespace ror::gateway::directory {

inline constexpr char kHealthcareService[] = "HealthcareService";
inline constexpr char kOrganization[] = "Organization";

const std::vector<std::string>& DirectoryTopics();

// Where a consumer of the log has got to: the last sequence it took, in the numbering `epoch`
// (empty: written before epochs, or by hand, taken as the current numbering's).
struct LogPosition {
  uint64_t sequence = 0;
  std::string epoch;
};
// "<sequence>@<epoch>", or the sequence alone without an epoch.
std::string PositionText(const LogPosition& position);
// Reads PositionText's forms; nullopt when `text` is neither.
std::optional<LogPosition> ParsePosition(absl::string_view text);
bus::ProjectionDbOptions DirectoryDbOptions(std::string path);

// Empties a directory written under another layout (what its rows and log hold), so that the
// subscriber rebuilds it from the bus: a log without event ids would give consumers none. Gives
// its numbering an epoch when it has none yet.
absl::Status EnsureLayout(bus::ProjectionDb& db);

class DirectoryProjection final : public bus::Projection {
 public:
  absl::Status Apply(const v1::EventEnvelope& event, bus::ProjectionWrite& write) override;
};

// Reads of the committed directory.
class Directory {
 public:
  explicit Directory(bus::ProjectionDb& db) : db_(db) {}

  absl::StatusOr<std::optional<v1::gateway::DirectoryOffre>> Offre(absl::string_view offre_id);
  absl::StatusOr<std::optional<v1::gateway::DirectoryEtablissement>> Etablissement(
      absl::string_view finess_eg);
  absl::StatusOr<std::optional<v1::gateway::DirectoryOrganisation>> Organisation(
      absl::string_view organisation_id);
  absl::StatusOr<std::optional<v1::gateway::DirectoryEntiteJuridique>> EntiteJuridique(
      absl::string_view finess_ej);

  struct Change {
    uint64_t sequence = 0;
    v1::gateway::DirectoryChange change;
  };
  // The changes numbered after `after`, at most `limit`, in order.
  absl::StatusOr<std::vector<Change>> ChangesAfter(uint64_t after, size_t limit);
  absl::StatusOr<uint64_t> LastSequence();
  // The id of the current numbering; empty before the first change.
  absl::StatusOr<std::string> Epoch();
  // The last change's position now: where a consumer that starts from now begins.
  absl::StatusOr<LogPosition> Head();
  // Where to read on from for `position`, in the current numbering (whose epoch it carries): its
  // own sequence there, or 0 when it is another numbering's.
  absl::StatusOr<LogPosition> Resume(const LogPosition& position);
  // The sequence of the change an event made; nullopt when it made none (or before the index).
  absl::StatusOr<std::optional<uint64_t>> SequenceOf(absl::string_view event_id);

  // Every offre (published or not), établissement, organisation or entité juridique, in key
  // order, while `visit` says true.
  absl::Status ForEachOffre(const std::function<bool(const v1::gateway::DirectoryOffre&)>& visit);
  absl::Status ForEachEtablissement(
      const std::function<bool(const v1::gateway::DirectoryEtablissement&)>& visit);
  absl::Status ForEachOrganisation(
      const std::function<bool(const v1::gateway::DirectoryOrganisation&)>& visit);
  absl::Status ForEachEntiteJuridique(
      const std::function<bool(const v1::gateway::DirectoryEntiteJuridique&)>& visit);

 private:
  bus::ProjectionDb& db_;
};

}  // namespace ror::gateway::directory
