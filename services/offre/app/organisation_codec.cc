#include "services/offre/app/organisation_codec.h"

#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::offre::app {
namespace {

constexpr char kCreated[] = "OrganisationCreated";
constexpr char kUpdated[] = "OrganisationUpdated";
constexpr char kClosed[] = "OrganisationClosed";

template <typename T>
absl::StatusOr<domain::OrganisationEvent> Parse(const v1::EventEnvelope& envelope) {
  T event;
  if (!event.ParseFromString(envelope.payload())) {
    return absl::DataLossError(absl::StrCat("event ", envelope.event_id(), " (",
                                            envelope.event_type(), "): payload does not parse"));
  }
  return event;
}

}  // namespace

std::string OrganisationStreamId(absl::string_view organisation_id) {
  return absl::StrCat(kOrganisationCategory, "-", organisation_id);
}

std::optional<std::string> OrganisationIdOf(absl::string_view stream_id) {
  if (!absl::ConsumePrefix(&stream_id, absl::StrCat(kOrganisationCategory, "-"))) {
    return std::nullopt;
  }
  return std::string(stream_id);
}

v1::EventEnvelope EncodeOrganisationEvent(const domain::OrganisationEvent& event) {
  v1::EventEnvelope envelope;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, domain::OrganisationCreated>) {
          envelope.set_event_type(kCreated);
        } else if constexpr (std::is_same_v<T, domain::OrganisationUpdated>) {
          envelope.set_event_type(kUpdated);
        } else {
          static_assert(std::is_same_v<T, domain::OrganisationClosed>, "one case per event type");
          envelope.set_event_type(kClosed);
        }
        envelope.set_schema_version(1);
        envelope.set_payload(e.SerializeAsString());
      },
      event);
  return envelope;
}

absl::StatusOr<domain::OrganisationEvent> DecodeOrganisationEvent(
    const v1::EventEnvelope& envelope) {
  const absl::string_view type = envelope.event_type();
  if (envelope.schema_version() == 1) {
    if (type == kCreated) return Parse<domain::OrganisationCreated>(envelope);
    if (type == kUpdated) return Parse<domain::OrganisationUpdated>(envelope);
    if (type == kClosed) return Parse<domain::OrganisationClosed>(envelope);
  }
  return absl::FailedPreconditionError(
      absl::StrCat("stream ", envelope.stream_id(), ": event type ", type, " v",
                   envelope.schema_version(), " is unknown to this version of the service"));
}

}  // namespace ror::offre::app
