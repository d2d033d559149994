#pragma once

// The open-data view of the offres (ror.public.offre.v1), made by a second relay over the same
// store: for each offre event, the offre's public record when what the public sees changed, a
// tombstone when it stopped seeing the offre, nothing otherwise.

#include <optional>

#include "libs/bus/cloudevents.h"
#include "libs/eventstore/event_store.h"

namespace ror::offre::app {

inline constexpr char kPublicOffreTopic[] = "ror.public.offre.v1";

// For Relay's `view`. Reads the offre's stream up to `event` to compare the public view before
// and after it.
std::optional<bus::OutgoingRecord> PublicOffreRecord(eventstore::EventStore& store,
                                                     const v1::EventEnvelope& event);

}  // namespace ror::offre::app
