#pragma once

// The Offre aggregate as a decider (DESIGN §2): Decide(state, command) -> events, and
// Evolve(state, event) -> state, both pure. Deciding a command again on the state it produced
// yields no event.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/events/offre_events.pb.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::domain {

inline constexpr size_t kNomMaxLength = 255;  // characters (code points), not bytes

// ---- Events: the published contract (proto/ror/v1/events/offre_events.proto).
using OffreCreated = v1::events::OffreCreated;
using Event = std::variant<OffreCreated>;

// ---- State.
struct OffreState {
  std::string offre_id;  // empty while the offre does not exist
  std::string nom;
  std::string champ_activite;  // code J20
  std::string finess_eg;
  absl::Time created_at = absl::InfinitePast();
  absl::Time updated_at = absl::InfinitePast();
  int64_t version = 0;  // events applied, i.e. the stream version

  bool exists() const { return !offre_id.empty(); }
};

// ---- Commands.
struct CreateOffre {
  std::string offre_id;  // a new UUIDv7 chosen by the caller
  std::string nom;
  std::string champ_activite;
  std::string finess_eg;
  absl::Time now;
};
using Command = std::variant<CreateOffre>;

// The events `command` produces on `state`. INVALID_ARGUMENT (with a ror.v1.BadRequest naming
// every broken field rule) on bad input, coded fields checked against the national lists in
// `codes`; FAILED_PRECONDITION when the state forbids it.
absl::StatusOr<std::vector<Event>> Decide(const OffreState& state, const Command& command,
                                          const nomenclature::Nomenclatures& codes);

// The state after `event`.
OffreState Evolve(OffreState state, const Event& event);

// Evolve over `events` from the empty state.
OffreState Fold(const std::vector<Event>& events);


}  // namespace ror::offre::domain
