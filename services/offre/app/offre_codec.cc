#include "services/offre/app/offre_codec.h"

#include "absl/strings/str_cat.h"

namespace ror::offre::app {
namespace {

// The envelope's event_type is the message's name: OffreCreated, OffreDraftUpdated, …
template <typename T>
std::string TypeName() {
  return T::descriptor()->name();
}

template <typename T>
absl::StatusOr<domain::Event> Parse(const v1::EventEnvelope& envelope) {
  T e;
  if (!e.ParseFromString(envelope.payload())) {
    return absl::DataLossError(absl::StrCat("event ", envelope.event_id(), " (", TypeName<T>(),
                                            "): payload does not parse"));
  }
  return domain::Event(std::move(e));
}

}  // namespace

std::string StreamId(absl::string_view offre_id) { return absl::StrCat(kCategory, "-", offre_id); }

v1::EventEnvelope Encode(const domain::Event& event) {
  v1::EventEnvelope envelope;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        envelope.set_event_type(TypeName<T>());
        envelope.set_schema_version(1);
        envelope.set_payload(e.SerializeAsString());
      },
      event);
  return envelope;
}

absl::StatusOr<domain::Event> Decode(const v1::EventEnvelope& envelope) {
  const int version = envelope.schema_version();
  const std::string& type = envelope.event_type();
  if (version == 1) {
    if (type == TypeName<domain::OffreCreated>()) return Parse<domain::OffreCreated>(envelope);
    if (type == TypeName<domain::OffreDraftUpdated>()) {
      return Parse<domain::OffreDraftUpdated>(envelope);
    }
    if (type == TypeName<domain::DraftValidated>()) return Parse<domain::DraftValidated>(envelope);
    if (type == TypeName<domain::DraftDiscarded>()) return Parse<domain::DraftDiscarded>(envelope);
    if (type == TypeName<domain::OffreClosed>()) return Parse<domain::OffreClosed>(envelope);
    if (type == TypeName<domain::OffreReopened>()) return Parse<domain::OffreReopened>(envelope);
    if (type == TypeName<domain::OffreMoved>()) return Parse<domain::OffreMoved>(envelope);
  }
  return absl::FailedPreconditionError(absl::StrCat("stream ", envelope.stream_id(),
                                                    ": event type ", type, " v", version,
                                                    " is unknown to this version of the service"));
}

}  // namespace ror::offre::app
