#pragma once

// Envelopes of a service's events: event_type is the payload message's name ("AccountCreated"),
// schema_version 1. One template for every aggregate whose events are a std::variant of messages
// (auth's aggregates, the search's saved searches).

#include <string>
#include <utility>
#include <variant>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ror/v1/envelope.pb.h"

namespace ror::eventstore {

inline constexpr int kSchemaVersion = 1;

template <typename Variant>
v1::EventEnvelope EncodeEvent(const Variant& event) {
  v1::EventEnvelope envelope;
  std::visit(
      [&](const auto& e) {
        envelope.set_event_type(e.GetDescriptor()->name());
        envelope.set_payload(e.SerializeAsString());
      },
      event);
  envelope.set_schema_version(kSchemaVersion);
  return envelope;
}

namespace internal {

template <typename Variant, size_t I = 0>
absl::StatusOr<Variant> DecodeAlternative(const v1::EventEnvelope& envelope) {
  if constexpr (I == std::variant_size_v<Variant>) {
    return absl::FailedPreconditionError(
        absl::StrCat("event ", envelope.event_id(), ": type ", envelope.event_type(), " v",
                     envelope.schema_version(), " unknown to this build"));
  } else {
    using Message = std::variant_alternative_t<I, Variant>;
    if (Message::descriptor()->name() != envelope.event_type()) {
      return DecodeAlternative<Variant, I + 1>(envelope);
    }
    Message message;
    if (!message.ParseFromString(envelope.payload())) {
      return absl::DataLossError(
          absl::StrCat("event ", envelope.event_id(), ": payload unreadable"));
    }
    return Variant(std::move(message));
  }
}

}  // namespace internal

template <typename Variant>
absl::StatusOr<Variant> DecodeEvent(const v1::EventEnvelope& envelope) {
  if (envelope.schema_version() != kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("event ", envelope.event_id(), ": type ", envelope.event_type(), " v",
                     envelope.schema_version(), " unknown to this build"));
  }
  return internal::DecodeAlternative<Variant>(envelope);
}

}  // namespace ror::eventstore
