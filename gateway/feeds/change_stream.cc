#include "gateway/feeds/change_stream.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/feeds/change_event.h"
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
               uint64_t after, absl::Duration heartbeat, std::shared_ptr<std::atomic<int>> open)
      : resources_(resources),
        caller_(std::move(caller)),
        filter_(std::move(filter)),
        after_(after),
        heartbeat_(heartbeat),
        open_(std::move(open)) {}
  ~ChangeStream() override { --*open_; }

  std::optional<std::string> Next() override {
    const absl::Time now = absl::Now();
    if (caller_.kind != authz::PrincipalKind::kAnonymous && now >= caller_.expires_at) {
      return std::nullopt;
    }
    absl::StatusOr<fhir::ChangePage> page = fhir::VisibleChangesAfter(
        resources_, caller_, filter_, after_, kEventsPerWrite, kScannedPerWrite);
    if (!page.ok()) {
      log::Error("change stream failed", {{"error", page.status().ToString()}});
      return std::nullopt;
    }
    after_ = page->last;
    // The first write tells clients how soon to come back after a cut.
    std::string text = started_ ? "" : "retry: 3000\n\n";
    started_ = true;
    for (const fhir::VisibleChange& change : page->changes) {
      absl::StrAppend(
          &text, "id: ", change.sequence, "\nevent: change\ndata: ",
          ChangeEventJson(change).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          "\n\n");
    }
    if (text.empty() && now - last_write_ >= heartbeat_) text = ":\n\n";
    if (!text.empty()) last_write_ = now;
    return text;
  }

 private:
  const fhir::Resources& resources_;
  const authz::Principal caller_;
  const fhir::ChangeFilter filter_;
  uint64_t after_;
  const absl::Duration heartbeat_;
  std::shared_ptr<std::atomic<int>> open_;
  bool started_ = false;
  absl::Time last_write_ = absl::Now();
};

http::Response Refusal(const http::Problem& problem, const http::Request& request,
                       const http::RequestContext& context) {
  return http::ProblemResponse(problem, context, request.version(), request.keep_alive());
}

}  // namespace

ChangeStreams::ChangeStreams(const fhir::Resources& resources, ChangeStreamOptions options)
    : resources_(resources), options_(options) {}

http::Reply ChangeStreams::Open(const http::Request& request, const http::RequestContext& context,
                                const authz::Principal& caller) const {
  if (request.method() != http::Verb::get) {
    http::Response response =
        Refusal({.status = 405, .detail = "seule la méthode GET est servie ici", .violations = {}},
                request, context);
    response.set(http::Field::allow, "GET");
    return response;
  }
  absl::StatusOr<rest::Target> target = rest::ParseTarget(http::View(request.target()));
  if (!target.ok()) {
    return Refusal(http::BadRequest("query", "format", std::string(target.status().message())),
                   request, context);
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
      return Refusal({.status = 400,
                      .detail = absl::StrCat("paramètre ", name, " : ", violation->message),
                      .violations = {*violation}},
                     request, context);
    }
  }
  uint64_t after = 0;
  if (!last_event_id.empty()) {
    if (!absl::SimpleAtoi(last_event_id, &after)) {
      return Refusal(
          http::BadRequest(last_event_field, "format", "le numéro d'un événement reçu de ce flux"),
          request, context);
    }
  } else {
    absl::StatusOr<uint64_t> last = resources_.directory().LastSequence();
    if (!last.ok()) {
      log::Error("change stream failed", {{"error", last.status().ToString()}});
      return Refusal({.status = 500, .detail = "erreur interne", .violations = {}}, request,
                     context);
    }
    after = *last;
  }
  if (++*open_ > options_.max_streams) {
    --*open_;
    http::Response response =
        Refusal({.status = 503, .detail = "trop de flux ouverts ; réessayez", .violations = {}},
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
                                                    options_.heartbeat, open_));
}

}  // namespace ror::gateway::feeds
