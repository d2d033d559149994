#pragma once

// /fhir: the FHIR R4 facade of the ANS ROR guide, read from the directory the gateway keeps from
// the bus (no service call per request):
//   GET /fhir/metadata                             CapabilityStatement
//   GET /fhir/HealthcareService/{id}               read (404 unknown or not visible, 410 closed
//   GET /fhir/Organization/{id}                     for good)
//   GET /fhir/HealthcareService?…                  search (fhir_search.h) through the search
//   GET /fhir/Organization?…                       service, a Bundle with total and next link
//   GET /fhir/_history, /fhir/{type}/_history      every change since `_since`, in order, paged
//                                                  by `_count` (≤ 1000, default 200)
//   GET /fhir/$export?_type=&_since=               Bulk Data kick-off: 202, Content-Location
//   GET /fhir/$export-poll-status?_jobId=          202 while it runs, then the manifest
//   GET /fhir/$export-file/{job}/{file}            one NDJSON file
// What the caller sees is the access function's answer for his token (none: open data); a
// resource he may not see reads as absent and is not in _history; one gone for good is a
// deletion there, so that his copy converges. Errors are OperationOutcome, naming the parameter.

#include <string>

#include "gateway/directory/directory.h"
#include "gateway/fhir/bulk_export.h"
#include "gateway/fhir/resources.h"
#include "gateway/http/http_types.h"
#include "gateway/rest/request_target.h"
#include "gateway/rest/upstreams.h"
#include "libs/authz/principal.h"
#include "nlohmann/json.hpp"
#include "ror/v1/search.pb.h"

namespace ror::gateway::fhir {

inline constexpr char kFhirJson[] = "application/fhir+json";

class FhirApi {
 public:
  // `exports` may be null: no $export. `search` may be null: no search (501). `public_url` is
  // the address clients reach the gateway at (CheckPublicUrl), which links and Content-Location
  // start with; empty: http:// and each request's Host header.
  FhirApi(const Resources& resources, BulkExport* exports = nullptr,
          const rest::Upstreams* search = nullptr, std::string public_url = "");

  // `caller`: who the request's token says (anonymous without one), or why it was refused.
  http::Response Handle(const http::Request& request, const http::RequestContext& context,
                        const absl::StatusOr<authz::Principal>& caller) const;

 private:
  struct Answer {
    Answer() = default;
    Answer(unsigned status, nlohmann::json body) : status(status), body(std::move(body)) {}
    unsigned status = 200;
    nlohmann::json body;
    std::string text;  // when not empty, the body already written (a search page)
  };
  Answer Read(const authz::Principal& caller, const std::string& type, const std::string& id) const;
  Answer History(const authz::Principal& caller, const std::string& type,
                 const std::vector<std::pair<std::string, std::string>>& query,
                 const std::string& base) const;
  Answer Search(const authz::Principal& caller, const std::string& type,
                const std::string& authorization, const http::RequestContext& context,
                const rest::Params& query, const std::string& base) const;
  absl::StatusOr<v1::SearchResponse> CallSearch(const v1::SearchRequest& request,
                                                const std::string& authorization,
                                                const http::RequestContext& context) const;
  http::Response Export(const http::Request& request, const authz::Principal& caller,
                        const std::vector<std::pair<std::string, std::string>>& query,
                        const std::string& base) const;
  http::Response ExportStatus(const http::Request& request, const authz::Principal& caller,
                              const std::vector<std::pair<std::string, std::string>>& query) const;
  http::Response ExportFile(const http::Request& request, const authz::Principal& caller,
                            const std::string& job, const std::string& name) const;

  const Resources& resources_;
  BulkExport* const exports_;
  const rest::Upstreams* const search_;
  const std::string public_url_;
};

// Whether `url` may be a gateway's public address: http:// or https://, a host, an optional path,
// no query, fragment, space or trailing slash ("https://ror.sante.fr", "https://x.fr/annuaire").
absl::Status CheckPublicUrl(const std::string& url);

// An OperationOutcome of one issue: FHIR's `code` ("not-found", "invalid", …), the diagnostics in
// French, and the parameter at fault, if any.
nlohmann::json OperationOutcome(const std::string& code, const std::string& diagnostics,
                                const std::string& expression = "");
// The outcome of an internal error: its detail stays in the logs.
nlohmann::json InternalError();

}  // namespace ror::gateway::fhir
