#include "services/offre/app/offre_codec.h"

#include "absl/strings/str_cat.h"

namespace ror::offre::app {
namespace {

constexpr char kOffreCreated[] = "OffreCreated";

}  // namespace

std::string StreamId(absl::string_view offre_id) { return absl::StrCat(kCategory, "-", offre_id); }

v1::EventEnvelope Encode(const domain::Event& event) {
  v1::EventEnvelope envelope;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        static_assert(std::is_same_v<T, domain::OffreCreated>, "one case per event type");
        envelope.set_event_type(kOffreCreated);
        envelope.set_schema_version(1);
        envelope.set_payload(e.SerializeAsString());
      },
      event);
  return envelope;
}

absl::StatusOr<domain::Event> Decode(const v1::EventEnvelope& envelope) {
  const int version = envelope.schema_version();
  if (envelope.event_type() == kOffreCreated && version == 1) {
    domain::OffreCreated e;
    if (!e.ParseFromString(envelope.payload())) {
      return absl::DataLossError(absl::StrCat("event ", envelope.event_id(), " (", kOffreCreated,
                                              "): payload does not parse"));
    }
    return e;
  }
  return absl::FailedPreconditionError(
      absl::StrCat("stream ", envelope.stream_id(), ": event type ", envelope.event_type(), " v",
                   version, " is unknown to this version of the service"));
}

}  // namespace ror::offre::app
