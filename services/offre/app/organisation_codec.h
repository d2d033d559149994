#pragma once

// Organisation events <-> store envelopes: event_type names the payload message, schema_version
// its version (upcasters will key on it).

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ror/v1/envelope.pb.h"
#include "services/offre/domain/organisation.h"

namespace ror::offre::app {

// Streams "organisation-<uuid>", topic ror.organisation.events.v1.
inline constexpr char kOrganisationCategory[] = "organisation";

std::string OrganisationStreamId(absl::string_view organisation_id);

// The organisation id of an "organisation-<id>" stream; nullopt for a stream of another category.
std::optional<std::string> OrganisationIdOf(absl::string_view stream_id);

// An envelope carrying `event` (event_type, schema_version, payload); the store and the handler
// fill the rest.
v1::EventEnvelope EncodeOrganisationEvent(const domain::OrganisationEvent& event);

// The domain event in `envelope`; FAILED_PRECONDITION for a type or version this build does not
// know, DATA_LOSS for a payload that does not parse.
absl::StatusOr<domain::OrganisationEvent> DecodeOrganisationEvent(
    const v1::EventEnvelope& envelope);

}  // namespace ror::offre::app
