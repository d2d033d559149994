#pragma once

// Domain events <-> store envelopes: event_type names the payload message, schema_version its
// version (upcasters will key on it).

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ror/v1/envelope.pb.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::app {

inline constexpr char kCategory[] = "offre";  // streams "offre-<uuid>", topic ror.offre.events.v1

std::string StreamId(absl::string_view offre_id);

// An envelope carrying `event` (event_type, schema_version, payload); the store and the handler
// fill the rest.
v1::EventEnvelope Encode(const domain::Event& event);

// The domain event in `envelope`; FAILED_PRECONDITION for a type or version this build does not
// know, DATA_LOSS for a payload that does not parse.
absl::StatusOr<domain::Event> Decode(const v1::EventEnvelope& envelope);

}  // namespace ror::offre::app
