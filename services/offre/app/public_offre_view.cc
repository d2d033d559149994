#include "services/offre/app/public_offre_view.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "libs/common/log.h"
#include "ror/v1/events/public_offre.pb.h"
#include "services/offre/app/offre_access.h"
#include "services/offre/app/offre_codec.h"

namespace ror::offre::app {
namespace {

// What the public sees of an offre; nullopt when it sees nothing. Its published version only, not
// once closed for good (the lifecycle), and what the access function shows the open data (profile
// 0): never an unité sensible, only the contacts, telecoms and MSSanté addresses "accès libre".
std::optional<v1::events::OffrePublique> PublicView(const domain::OffreState& state) {
  if (!state.published.has_value()) return std::nullopt;
  if (state.closure.has_value() && state.closure->definitive) return std::nullopt;
  if (!MaySeeContent(authz::kOpenData, *state.published)) return std::nullopt;
  v1::events::OffrePublique view;
  view.set_offre_id(state.offre_id);
  view.set_finess_eg(state.finess_eg);
  *view.mutable_content() = VisibleContent(authz::kOpenData, *state.published);
  return view;
}

bool SameView(const std::optional<v1::events::OffrePublique>& a,
              const std::optional<v1::events::OffrePublique>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a.has_value() || google::protobuf::util::MessageDifferencer::Equals(*a, *b);
}

bus::Headers PublicHeaders(const v1::EventEnvelope& event, absl::string_view type) {
  return {{"ce_specversion", "1.0"},
          {"ce_id", event.event_id()},
          {"ce_source", "/ror/offre"},
          {"ce_type", absl::StrCat("fr.ror.public.offre.", type, ".v1")},
          {"ce_subject", event.stream_id()},
          {"ce_time", google::protobuf::util::TimeUtil::ToString(event.occurred_at())},
          {"content-type", "application/protobuf"},
          {"ce_streamversion", absl::StrCat(event.stream_version())}};
}

}  // namespace

std::optional<bus::OutgoingRecord> PublicOffreRecord(eventstore::EventStore& store,
                                                     const v1::EventEnvelope& event) {
  if (!absl::StartsWith(event.stream_id(), absl::StrCat(kCategory, "-"))) return std::nullopt;
  absl::StatusOr<std::vector<v1::EventEnvelope>> stream =
      store.ReadStream(event.stream_id(), 1, static_cast<size_t>(event.stream_version()));
  domain::OffreState before, after;
  for (const v1::EventEnvelope& envelope : stream.ok() ? *stream : std::vector<v1::EventEnvelope>{}) {
    absl::StatusOr<domain::Event> decoded = Decode(envelope);
    if (!decoded.ok()) {
      // Never guess what the public may see: say nothing, loudly.
      log::Error("public view: undecodable event", {{"event_id", envelope.event_id()},
                                                     {"error", decoded.status().ToString()}});
      return std::nullopt;
    }
    if (envelope.stream_version() < event.stream_version()) {
      before = domain::Evolve(std::move(before), *decoded);
    }
    after = domain::Evolve(std::move(after), *decoded);
  }
  if (!stream.ok()) {
    log::Error("public view: unreadable stream", {{"stream_id", event.stream_id()},
                                                  {"error", stream.status().ToString()}});
    return std::nullopt;
  }
  std::optional<v1::events::OffrePublique> was = PublicView(before), now = PublicView(after);
  if (SameView(was, now)) return std::nullopt;
  bus::OutgoingRecord record;
  record.topic = kPublicOffreTopic;
  record.key = after.offre_id;
  if (!now.has_value()) {
    record.headers = PublicHeaders(event, "OffreRetiree");
    record.tombstone = true;
    return record;
  }
  now->set_version(event.stream_version());
  *now->mutable_published_at() = event.occurred_at();
  record.headers = PublicHeaders(event, "OffrePublique");
  record.value = now->SerializeAsString();
  return record;
}

}  // namespace ror::offre::app
