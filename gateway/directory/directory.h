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
//   state           "sequence"                → the last sequence

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
bus::ProjectionDbOptions DirectoryDbOptions(std::string path);

// Empties a directory written under another layout (what its rows and log hold), so that the
// subscriber rebuilds it from the bus: a log without event ids would give consumers none.
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
