#pragma once

// What the auth service publishes on Kafka (ror.auth.events.v1): every event, with every field
// named "*_hash" cleared (password hashes, reset and refresh token hashes, client-secret hashes),
// so that no secret ever leaves the service's store. The relay's view.

#include <optional>

#include "libs/bus/cloudevents.h"
#include "ror/v1/envelope.pb.h"

namespace ror::auth::app {

inline constexpr char kAuthTopic[] = "ror.auth.events.v1";
inline constexpr char kAuthViewName[] = "public";

// The record of `event` on kAuthTopic; nullopt (and an error logged) for an event this build
// cannot read: never publish what was not checked.
std::optional<bus::OutgoingRecord> AuthBusRecord(const v1::EventEnvelope& event);

}  // namespace ror::auth::app
