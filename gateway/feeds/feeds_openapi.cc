#include "gateway/feeds/feeds_openapi.h"

#include <string>

namespace ror::gateway::feeds {
namespace {

using nlohmann::json;

json Filters() {
  const auto list = [](const char* name, const char* description) {
    return json{{"name", name},
                {"in", "query"},
                {"description", description},
                {"schema", {{"type", "string"}}}};
  };
  return json::array({list("type", "HealthcareService, Organization (séparés par des virgules)"),
                      list("etablissement", "numéros FINESS d'EG"),
                      list("region", "codes INSEE de région")});
}

json ProblemResponse() {
  return {
      {"description", "erreur (RFC 9457)"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

json Responses(const char* status, const char* description, const char* media, json schema) {
  return {{status, {{"description", description}, {"content", {{media, {{"schema", schema}}}}}}},
          {"default", ProblemResponse()}};
}

json Id() {
  return {{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
}

const json& Object() {
  static const json* object = new json{{"type", "object"}};
  return *object;
}

}  // namespace

json FeedsOpenApiPaths() {
  json changes_parameters = Filters();
  changes_parameters.push_back({{"name", "Last-Event-ID"},
                                {"in", "header"},
                                {"description", "reprend après cet événement"},
                                {"schema", {{"type", "string"}}}});
  changes_parameters.push_back(
      {{"name", "lastEventId"},
       {"in", "query"},
       {"description", "le même, pour qui ne peut poser d'en-tête ; 0 : tout"},
       {"schema", {{"type", "string"}}}});
  const json subscription = {
      {"type", "object"},
      {"required", json::array({"url"})},
      {"properties",
       {{"url", {{"type", "string"}}},
        {"type", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"etablissement", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"region", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}};
  const json tags = json::array({"feeds"});
  return {
      {"/api/v1/changes",
       {{"get",
         {{"operationId", "StreamChanges"},
          {"summary", "Les changements de l'annuaire en Server-Sent Events"},
          {"tags", tags},
          {"parameters", changes_parameters},
          {"responses", Responses("200", "flux d'événements « change »", "text/event-stream",
                                  {{"type", "string"}})}}}}},
      {"/api/v1/webhooks",
       {{"post",
         {{"operationId", "CreateWebhook"},
          {"summary", "S'abonner : chaque changement est POSTé, signé (X-Ror-Signature)"},
          {"tags", tags},
          {"requestBody",
           {{"required", true}, {"content", {{"application/json", {{"schema", subscription}}}}}}},
          {"responses", Responses("201", "l'abonnement, avec son secret (donné cette fois-ci)",
                                  "application/json", Object())}}},
        {"get",
         {{"operationId", "ListWebhooks"},
          {"summary", "Les abonnements de l'appelant"},
          {"tags", tags},
          {"responses", Responses("200", "les abonnements", "application/json", Object())}}}}},
      {"/api/v1/webhooks/{id}",
       {{"get",
         {{"operationId", "GetWebhook"},
          {"summary", "Un abonnement, où il en est, ses lettres mortes"},
          {"tags", tags},
          {"parameters", json::array({Id()})},
          {"responses", Responses("200", "l'abonnement", "application/json", Object())}}},
        {"delete",
         {{"operationId", "DeleteWebhook"},
          {"summary", "Se désabonner"},
          {"tags", tags},
          {"parameters", json::array({Id()})},
          {"responses",
           {{"204", {{"description", "désabonné"}}}, {"default", ProblemResponse()}}}}}}},
      {"/api/v1/webhooks/{id}/dead-letters",
       {{"get",
         {{"operationId", "ListDeadLetters"},
          {"summary", "Les changements que le destinataire n'a jamais pris"},
          {"tags", tags},
          {"parameters", json::array({Id()})},
          {"responses", Responses("200", "les lettres mortes", "application/json", Object())}}}}},
      {"/api/v1/webhooks/{id}/dead-letters/replay",
       {{"post",
         {{"operationId", "ReplayDeadLetters"},
          {"summary", "Livrer à nouveau les lettres mortes, avant la suite"},
          {"tags", tags},
          {"parameters", json::array({Id()})},
          {"responses",
           Responses("202", "combien seront livrées à nouveau", "application/json", Object())}}}}},
      {"/api/v1/webhooks/{id}/renewal",
       {{"post",
         {{"operationId", "RenewWebhook"},
          {"summary",
           "Renouveler un webhook (son propriétaire seul) : une durée de plus, avec ses droits "
           "du jour"},
          {"tags", tags},
          {"parameters", json::array({Id()})},
          {"responses", Responses("200", "le webhook et sa nouvelle échéance", "application/json",
                                  Object())}}}}},
  };
}

}  // namespace ror::gateway::feeds
