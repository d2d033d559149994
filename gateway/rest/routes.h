#pragma once

// The REST/JSON API under /api/v1: each route is one unary RPC of a service, its request read
// from the path, the query and the JSON body (protobuf JSON mapping), its response written as
// JSON. The table is the API: the transcoder serves it and the OpenAPI document describes it.

#include <string>
#include <vector>

#include "gateway/http/http_types.h"

namespace ror::gateway::rest {

struct Route {
  http::Verb verb;
  std::string pattern;   // "/api/v1/offres/{offre_id}": each {field} a string field of the request
  std::string upstream;  // "auth", "offre" or "search": which service answers
  std::string method;    // the RPC's full name, "ror.v1.OffreService.GetOffre"
  unsigned success = 200;
  std::string summary;  // French, for the OpenAPI document
  // A server-streaming RPC whose messages carry one bytes field: the body is those bytes, of this
  // media type, offered as a file of this name.
  std::string produces = "application/json";
  std::string filename;
};

const std::vector<Route>& RestRoutes();

// Whether requests of `verb` carry their message in a JSON body (else in the query).
inline bool HasBody(http::Verb verb) {
  return verb == http::Verb::post || verb == http::Verb::put || verb == http::Verb::patch;
}

}  // namespace ror::gateway::rest
