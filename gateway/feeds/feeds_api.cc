#include "gateway/feeds/feeds_api.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/feeds/change_event.h"
#include "gateway/fhir/fhir_types.h"
#include "gateway/http/json_text.h"
#include "gateway/http/problem.h"
#include "libs/authz/habilitation.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {
namespace {

using nlohmann::json;
using v1::gateway::Webhook;

constexpr char kChanges[] = "/api/v1/changes";
constexpr char kWebhooks[] = "/api/v1/webhooks";

http::Response Json(unsigned status, const json& body, const http::Request& request) {
  http::Response response(static_cast<http::Status>(status), request.version());
  response.set(http::Field::content_type, "application/json");
  response.keep_alive(request.keep_alive());
  response.body() = http::JsonText(body);
  return response;
}

http::Response InternalError(const absl::Status& status, const http::Request& request,
                             const http::RequestContext& context) {
  log::Error("webhooks failed", {{"error", status.ToString()}, {"request_id", context.request_id}});
  return http::ProblemResponse({.status = 500,
                                .detail = "erreur interne ; citez l'identifiant de requête",
                                .violations = {}},
                               request, context);
}

http::Response MethodNotAllowed(const char* allow, const http::Request& request,
                                const http::RequestContext& context) {
  http::Response response = http::ProblemResponse(
      {.status = 405, .detail = absl::StrCat("méthodes servies ici : ", allow), .violations = {}},
      request, context);
  response.set(http::Field::allow, allow);
  return response;
}

json WebhookJson(const Webhook& webhook) {
  return {{"id", webhook.id()},
          {"url", webhook.url()},
          {"type", webhook.types()},
          {"etablissement", webhook.finess_eg()},
          {"region", webhook.regions()},
          {"createdAt", fhir::Instant(FromProtoTimestamp(webhook.created_at()))},
          {"expiresAt", fhir::Instant(FromProtoTimestamp(webhook.expires_at()))}};
}

bool IsOwner(const authz::Principal& caller, const Webhook& webhook) {
  return static_cast<int>(caller.kind) == webhook.owner().kind() &&
         caller.subject == webhook.owner().subject();
}

bool Owns(const authz::Principal& caller, const Webhook& webhook) {
  return IsOwner(caller, webhook) || authz::IsNationalAdministrateur(caller);
}

// The filter values of a subscription's JSON field: a string (comma-separated) or an array of
// strings.
std::optional<http::Violation> AddJsonFilter(const json& body, const std::string& name,
                                             fhir::ChangeFilter& filter) {
  if (!body.contains(name)) return std::nullopt;
  const json& value = body[name];
  const auto one = [&](const json& item) -> std::optional<http::Violation> {
    if (!item.is_string()) {
      return http::Violation{.field = name, .rule = "type", .message = "une chaîne ou une liste"};
    }
    return AddToFilter(name, item.get<std::string>(), filter);
  };
  if (!value.is_array()) return one(value);
  for (const json& item : value) {
    if (std::optional<http::Violation> violation = one(item)) return violation;
  }
  return std::nullopt;
}

}  // namespace

bool FeedsApi::Serves(absl::string_view path) {
  return path == kChanges || path == kWebhooks ||
         absl::StartsWith(path, absl::StrCat(kWebhooks, "/"));
}

http::Reply FeedsApi::Handle(const http::Request& request, const http::RequestContext& context,
                             const absl::StatusOr<authz::Principal>& caller) const {
  if (!caller.ok()) {
    return http::Unauthorized(std::string(caller.status().message()), request, context);
  }
  const absl::string_view target = http::View(request.target());
  const absl::string_view path = target.substr(0, target.find('?'));
  if (path == kChanges) return streams_.Open(request, context, *caller);
  if (webhooks_ == nullptr) {
    return http::ProblemResponse(
        {.status = 404, .detail = "webhooks non servis ici", .violations = {}}, request, context);
  }
  if (caller->kind == authz::PrincipalKind::kAnonymous) {
    return http::Unauthorized(
        "un webhook est celui d'un utilisateur ou d'un client d'API authentifié", request, context);
  }
  std::vector<std::string> parts =
      absl::StrSplit(path.substr(sizeof(kWebhooks) - 1), '/', absl::SkipEmpty());
  return Subscriptions(request, context, *caller, parts);
}

http::Response FeedsApi::Subscriptions(const http::Request& request,
                                       const http::RequestContext& context,
                                       const authz::Principal& caller,
                                       const std::vector<std::string>& parts) const {
  const http::Verb method = request.method();
  if (parts.empty()) {
    if (method == http::Verb::post) return Subscribe(request, context, caller);
    if (method != http::Verb::get) return MethodNotAllowed("GET, POST", request, context);
    absl::StatusOr<std::vector<Webhook>> all = webhooks_->List();
    if (!all.ok()) return InternalError(all.status(), request, context);
    json list = json::array();
    for (const Webhook& webhook : *all) {
      if (Owns(caller, webhook)) list.push_back(WebhookJson(webhook));
    }
    return Json(200, {{"webhooks", std::move(list)}}, request);
  }
  absl::StatusOr<std::optional<Webhook>> found = webhooks_->Get(parts[0]);
  if (!found.ok()) return InternalError(found.status(), request, context);
  // Someone else's subscription is not the caller's to know of.
  const bool renewal = parts.size() == 2 && parts[1] == "renewal";
  if (!found->has_value() || !Owns(caller, **found) || parts.size() > 3 ||
      (parts.size() >= 2 && parts[1] != "dead-letters" && !renewal) ||
      (parts.size() == 3 && parts[2] != "replay")) {
    return http::ProblemResponse(
        {.status = 404,
         .detail = absl::StrCat("aucun webhook à l'adresse ", http::View(request.target())),
         .violations = {}},
        request, context);
  }
  const Webhook& webhook = **found;
  if (renewal) return Renew(webhook, request, context, caller);
  if (parts.size() == 1) {
    if (method == http::Verb::delete_) {
      if (absl::Status removed = webhooks_->Remove(webhook.id()); !removed.ok()) {
        return InternalError(removed, request, context);
      }
      http::Response response(http::Status::no_content, request.version());
      response.keep_alive(request.keep_alive());
      return response;
    }
    if (method != http::Verb::get) return MethodNotAllowed("GET, DELETE", request, context);
    absl::StatusOr<directory::LogPosition> cursor = webhooks_->Cursor(webhook.id());
    absl::StatusOr<std::vector<v1::gateway::DeadLetter>> letters =
        webhooks_->DeadLetters(webhook.id());
    if (!cursor.ok()) return InternalError(cursor.status(), request, context);
    if (!letters.ok()) return InternalError(letters.status(), request, context);
    json body = WebhookJson(webhook);
    body["deliveredUpTo"] = directory::PositionText(*cursor);
    body["deadLetters"] = letters->size();
    return Json(200, body, request);
  }
  if (parts.size() == 2) {
    if (method != http::Verb::get) return MethodNotAllowed("GET", request, context);
    absl::StatusOr<std::vector<v1::gateway::DeadLetter>> letters =
        webhooks_->DeadLetters(webhook.id());
    if (!letters.ok()) return InternalError(letters.status(), request, context);
    json list = json::array();
    for (const v1::gateway::DeadLetter& letter : *letters) {
      list.push_back({{"id", letter.event_id()},
                      {"position", directory::PositionText(
                                       {.sequence = letter.sequence(), .epoch = letter.epoch()})},
                      {"attempts", letter.attempts()},
                      {"lastError", letter.last_error()},
                      {"failedAt", fhir::Instant(FromProtoTimestamp(letter.failed_at()))},
                      {"replaying", letter.replay()}});
    }
    return Json(200, {{"deadLetters", std::move(list)}}, request);
  }
  if (method != http::Verb::post) return MethodNotAllowed("POST", request, context);
  absl::StatusOr<int> replayed = webhooks_->Replay(webhook.id());
  if (!replayed.ok()) return InternalError(replayed.status(), request, context);
  return Json(202, {{"replaying", *replayed}}, request);
}

http::Response FeedsApi::Renew(const Webhook& webhook, const http::Request& request,
                               const http::RequestContext& context,
                               const authz::Principal& caller) const {
  if (request.method() != http::Verb::post) return MethodNotAllowed("POST", request, context);
  // The grants it will deliver with are the caller's: only the owner's own token may give them.
  if (!IsOwner(caller, webhook)) {
    return http::ProblemResponse(
        {.status = 403,
         .detail = "seul le propriétaire d'un webhook peut le renouveler, avec son propre jeton",
         .violations = {}},
        request, context);
  }
  absl::StatusOr<Webhook> renewed = webhooks_->Renew(webhook.id(), caller);
  if (absl::IsNotFound(renewed.status())) {
    return http::ProblemResponse(
        {.status = 404, .detail = "ce webhook n'existe plus", .violations = {}}, request, context);
  }
  if (absl::IsInvalidArgument(renewed.status())) {
    return http::ProblemResponse(
        http::BadRequest("url", "format", std::string(renewed.status().message())), request,
        context);
  }
  if (!renewed.ok()) return InternalError(renewed.status(), request, context);
  return Json(200, WebhookJson(*renewed), request);
}

http::Response FeedsApi::Subscribe(const http::Request& request,
                                   const http::RequestContext& context,
                                   const authz::Principal& caller) const {
  if (!http::IsJson(http::View(request[http::Field::content_type]))) {
    return http::ProblemResponse(
        {.status = 415,
         .detail = "le corps doit être du JSON (Content-Type: application/json)",
         .violations = {{.field = "Content-Type",
                         .rule = "media_type",
                         .message = "application/json"}}},
        request, context);
  }
  const json body = json::parse(request.body(), nullptr, false);
  if (!body.is_object()) {
    return http::ProblemResponse(http::BadRequest("body", "format", "un objet JSON"), request,
                                 context);
  }
  for (const auto& [name, value] : body.items()) {
    if (name != "url" && !IsFilterParameter(name)) {
      return http::ProblemResponse(http::BadRequest(name, "unknown", "champ inconnu"), request,
                                   context);
    }
  }
  if (!body.contains("url") || !body["url"].is_string()) {
    return http::ProblemResponse(
        http::BadRequest("url", "required", "l'adresse http(s) qui recevra les changements"),
        request, context);
  }
  fhir::ChangeFilter filter;
  for (const char* name : {"type", "etablissement", "region"}) {
    if (std::optional<http::Violation> violation = AddJsonFilter(body, name, filter)) {
      return http::ProblemResponse({.status = 400,
                                    .detail = absl::StrCat(name, " : ", violation->message),
                                    .violations = {*violation}},
                                   request, context);
    }
  }
  Webhook webhook;
  webhook.set_url(body["url"].get<std::string>());
  webhook.mutable_types()->Add(filter.types.begin(), filter.types.end());
  webhook.mutable_finess_eg()->Add(filter.finess_eg.begin(), filter.finess_eg.end());
  webhook.mutable_regions()->Add(filter.regions.begin(), filter.regions.end());
  absl::StatusOr<Webhook> created = webhooks_->Create(std::move(webhook), caller);
  if (absl::IsInvalidArgument(created.status())) {
    return http::ProblemResponse(
        http::BadRequest("url", "format", std::string(created.status().message())), request,
        context);
  }
  if (absl::IsResourceExhausted(created.status())) {
    return http::ProblemResponse(
        {.status = 403, .detail = std::string(created.status().message()), .violations = {}},
        request, context);
  }
  if (!created.ok()) return InternalError(created.status(), request, context);
  json answer = WebhookJson(*created);
  answer["secret"] = created->secret();
  http::Response response = Json(201, answer, request);
  response.set(http::Field::location, absl::StrCat(kWebhooks, "/", created->id()));
  return response;
}

}  // namespace ror::gateway::feeds
