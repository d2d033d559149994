#include "gateway/feeds/change_stream.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/feeds/change_event.h"
#include "gateway/http/json_text.h"
#include "gateway/http/problem.h"
#include "gateway/rest/request_target.h"
#include "libs/common/log.h"

namespace ror::gateway::feeds {
namespace {

constexpr size_t kEventsPerWrite = 100;
constexpr size_t kScannedPerWrite = 10000;

class ChangeStream final : public http::BodyStream {
 public:
  ChangeStream(const fhir::Resources& resources, authz::Principal caller, fhir::ChangeFilter filter,
               directory::LogPosition after, absl::Duration heartbeat,
               std::shared_ptr<StreamSlots> slots, std::string client)
      : resources_(resources),
        caller_(std::move(caller)),
        filter_(std::move(filter)),
        after_(after),
        heartbeat_(heartbeat),
        slots_(std::move(slots)),
        client_(std::move(client)) {}
  ~ChangeStream() override { slots_->Give(client_); }

  std::optional<std::string> Next() override {
    const absl::Time now = absl::Now();
    if (caller_.kind != authz::PrincipalKind::kAnonymous && now >= caller_.expires_at) {
      return std::nullopt;
    }
    // The directory rebuilt under the stream: its numbering starts again, and so does the stream.
    absl::StatusOr<directory::LogPosition> resumed = resources_.directory().Resume(after_);
    if (!resumed.ok()) {
      log::Error("change stream failed", {{"error", resumed.status().ToString()}});
      return std::nullopt;
    }
    after_ = *std::move(resumed);
    absl::StatusOr<fhir::ChangePage> page = fhir::VisibleChangesAfter(
        resources_, caller_, filter_, after_.sequence, kEventsPerWrite, kScannedPerWrite);
    if (!page.ok()) {
      log::Error("change stream failed", {{"error", page.status().ToString()}});
      return std::nullopt;
    }
    after_.sequence = page->last;
    // The first write tells clients how soon to come back after a cut.
    std::string text = started_ ? "" : "retry: 3000\n\n";
    started_ = true;
    for (const fhir::VisibleChange& change : page->changes) {
      absl::StrAppend(&text, "id: ",
                      directory::PositionText({.sequence = change.sequence, .epoch = after_.epoch}),
                      "\nevent: change\ndata: ", http::JsonText(ChangeEventJson(change)), "\n\n");
    }
    if (text.empty() && now - last_write_ >= heartbeat_) text = ":\n\n";
    if (!text.empty()) last_write_ = now;
    return text;
  }

 private:
  const fhir::Resources& resources_;
  const authz::Principal caller_;
  const fhir::ChangeFilter filter_;
  directory::LogPosition after_;
  const absl::Duration heartbeat_;
  std::shared_ptr<StreamSlots> slots_;
  const std::string client_;
  bool started_ = false;
  absl::Time last_write_ = absl::Now();
};

}  // namespace

ChangeStreams::ChangeStreams(const fhir::Resources& resources, ChangeStreamOptions options)
    : resources_(resources),
      options_(options),
      slots_(std::make_shared<StreamSlots>(options.max_streams, options.max_streams_per_client)) {}

http::Reply ChangeStreams::Open(const http::Request& request, const http::RequestContext& context,
                                const authz::Principal& caller) const {
  if (request.method() != http::Verb::get) {
    http::Response response = http::ProblemResponse(
        {.status = 405, .detail = "seule la méthode GET est servie ici", .violations = {}}, request,
        context);
    response.set(http::Field::allow, "GET");
    return response;
  }
  absl::StatusOr<rest::Target> target = rest::ParseTarget(http::View(request.target()));
  if (!target.ok()) {
    return http::ProblemResponse(
        http::BadRequest("query", "format", std::string(target.status().message())), request,
        context);
  }
  fhir::ChangeFilter filter;
  std::string last_event_id(http::View(request["Last-Event-ID"]));
  std::string last_event_field = "Last-Event-ID";
  for (const auto& [name, value] : target->query) {
    if (name == "lastEventId") {
      if (last_event_id.empty()) {
        last_event_id = value;
        last_event_field = name;
      }
    } else if (std::optional<http::Violation> violation = AddToFilter(name, value, filter)) {
      return http::ProblemResponse(
          {.status = 400,
           .detail = absl::StrCat("paramètre ", name, " : ", violation->message),
           .violations = {*violation}},
          request, context);
    }
  }
  directory::LogPosition after;
  if (!last_event_id.empty()) {
    std::optional<directory::LogPosition> position = directory::ParsePosition(last_event_id);
    if (!position.has_value()) {
      return http::ProblemResponse(
          http::BadRequest(last_event_field, "format", "l'id d'un événement reçu de ce flux"),
          request, context);
    }
    after = *std::move(position);
  } else {
    // From the next change on: the position of the last one now.
    absl::StatusOr<directory::LogPosition> head = resources_.directory().Head();
    if (!head.ok()) {
      log::Error("change stream failed", {{"error", head.status().ToString()}});
      return http::ProblemResponse({.status = 500, .detail = "erreur interne", .violations = {}},
                                   request, context);
    }
    after = *std::move(head);
  }
  // Who holds the slot: the verified caller, else the address.
  const std::string client = caller.kind == authz::PrincipalKind::kAnonymous
                                 ? "address:" + context.peer
                                 : "subject:" + caller.subject;
  if (!slots_->Take(client)) {
    http::Response response =
        http::ProblemResponse({.status = 503,
                               .detail = "trop de flux ouverts, pour vous ou en tout ; réessayez",
                               .violations = {}},
                              request, context);
    response.set(http::Field::retry_after, "5");
    return response;
  }
  http::Response head(http::Status::ok, request.version());
  head.set(http::Field::content_type, "text/event-stream; charset=utf-8");
  head.set(http::Field::cache_control, "no-store");
  head.set("X-Accel-Buffering", "no");  // proxies must pass each event on at once
  return http::Reply(std::move(head),
                     std::make_shared<ChangeStream>(resources_, caller, std::move(filter), after,
                                                    options_.heartbeat, slots_, client));
}

bool StreamSlots::Take(const std::string& client) {
  std::lock_guard lock(mutex_);
  int& mine = by_client_[client];
  if (open_ >= total_ || mine >= per_client_) {
    if (mine == 0) by_client_.erase(client);
    return false;
  }
  ++open_;
  ++mine;
  return true;
}

void StreamSlots::Give(const std::string& client) {
  std::lock_guard lock(mutex_);
  --open_;
  if (--by_client_[client] <= 0) by_client_.erase(client);
}

}  // namespace ror::gateway::feeds
