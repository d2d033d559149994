#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "services/offre/app/command_context.h"
#include "services/offre/domain/entite_juridique.h"
#include "services/offre/domain/etablissement.h"

namespace ror::offre::app {

inline constexpr char kEtablissementCategory[] =
    "etablissement";  // topic ror.etablissement.events.v1

enum class ImportKind { kCreated, kUpdated, kUnchanged };

template <typename State>
struct Imported {
  ImportKind kind;
  State state;
};
using ImportResult = Imported<domain::EtablissementState>;
using EntiteJuridiqueImportResult = Imported<domain::EntiteJuridiqueState>;

// Imports and reads établissements géographiques and entités juridiques, one stream per FINESS
// number ("etablissement-<EG>", "etablissement-ej-<EJ>"). An import is idempotent by its decision
// (an identical or older fiche yields no event), so a retried batch writes nothing twice without
// needing request ids.
class EtablissementHandler {
 public:
  EtablissementHandler(eventstore::EventStore& store, const Clock& clock, IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  absl::StatusOr<ImportResult> Import(const v1::EtablissementFiche& fiche, absl::string_view source,
                                      const CommandContext& ctx);

  // INVALID_ARGUMENT (field finess_eg) for a malformed number, NOT_FOUND for an unknown one.
  absl::StatusOr<domain::EtablissementState> Get(absl::string_view finess_eg);

  absl::StatusOr<EntiteJuridiqueImportResult> ImportEntiteJuridique(
      const v1::EntiteJuridiqueFiche& fiche, absl::string_view source, const CommandContext& ctx);

  // INVALID_ARGUMENT (field finess_ej) for a malformed number, NOT_FOUND for an unknown one.
  absl::StatusOr<domain::EntiteJuridiqueState> GetEntiteJuridique(absl::string_view finess_ej);

 private:
  absl::StatusOr<domain::EtablissementState> Load(absl::string_view finess_eg);

  eventstore::EventStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace ror::offre::app
