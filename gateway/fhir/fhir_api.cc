#include "gateway/fhir/fhir_api.h"

#include <algorithm>
#include <fstream>
#include <future>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/fhir/change_log.h"
#include "gateway/fhir/fhir_dates.h"
#include "gateway/fhir/fhir_search.h"
#include "gateway/fhir/fhir_types.h"
#include "gateway/http/http_url.h"
#include "gateway/http/json_text.h"
#include "gateway/http/problem.h"
#include "gateway/rest/request_target.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/finess/finess_number.h"
#include "ror/v1/search.pb.h"

namespace ror::gateway::fhir {
namespace {

using nlohmann::json;

constexpr size_t kDefaultPage = 200;  // RG_RECH_52
constexpr size_t kMaxPage = 1000;
constexpr size_t kMaxScannedPerPage = 20000;
// _revinclude reads at most this many pages of 200 offres.
constexpr int kMaxRevincludePages = 10;

// A FHIR instant or date: the start of its span ("2026-12-01" is that day's midnight, UTC).
std::optional<absl::Time> ParseInstant(const std::string& text) {
  const std::optional<TimeSpan> span = ParseFhirDate(text);
  if (!span.has_value()) return std::nullopt;
  return span->start;
}

json CapabilityStatement() {
  const auto params = [](std::initializer_list<std::pair<const char*, const char*>> list) {
    json out = json::array();
    for (const auto& [name, type] : list) out.push_back({{"name", name}, {"type", type}});
    return out;
  };
  const json interactions =
      json::array({{{"code", "read"}}, {{"code", "search-type"}}, {{"code", "history-type"}}});
  json healthcare_service = {{"type", "HealthcareService"},
                             {"profile", RorDefinition("ror-healthcareservice")},
                             {"interaction", interactions},
                             {"versioning", "no-version"},
                             {"readHistory", false},
                             {"searchInclude", json::array({"HealthcareService:organization"})},
                             {"searchParam", params({{"_id", "token"},
                                                     {"identifier", "token"},
                                                     {"_lastUpdated", "date"},
                                                     {"name", "string"},
                                                     {"service-type", "token"},
                                                     {"service-category", "token"},
                                                     {"characteristic", "token"},
                                                     {"specialty", "token"},
                                                     {"address-postalcode", "string"},
                                                     {"address-city", "string"},
                                                     {"near", "special"},
                                                     {"_tag", "token"}})}};
  json organization = {{"type", "Organization"},
                       {"profile", RorDefinition("ror-organization")},
                       {"interaction", interactions},
                       {"versioning", "no-version"},
                       {"readHistory", false},
                       {"searchRevInclude", json::array({"HealthcareService:organization"})},
                       {"searchParam", params({{"_id", "token"},
                                               {"identifier", "token"},
                                               {"_lastUpdated", "date"},
                                               {"name", "string"},
                                               {"address-postalcode", "string"},
                                               {"address-city", "string"},
                                               {"partof", "reference"},
                                               {"_tag", "token"}})}};
  return {
      {"resourceType", "CapabilityStatement"},
      {"status", "active"},
      {"date", "2026-12-01"},
      {"kind", "instance"},
      {"fhirVersion", "4.0.1"},
      {"format", json::array({"application/fhir+json", "json"})},
      {"implementation",
       {{"description",
         "ROR — façade FHIR R4 du guide d'implémentation ANS ROR (lecture, recherche, "
         "historique, export)"}}},
      {"rest",
       json::array(
           {{{"mode", "server"},
             {"resource", json::array({std::move(healthcare_service), std::move(organization)})},
             {"interaction", json::array({{{"code", "history-system"}}})},
             {"operation", json::array({{{"name", "export"},
                                         {"definition",
                                          "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/"
                                          "export"}}})}}})}};
}

// One resource of a search page, as `caller` may see it, already written as JSON.
struct PageResource {
  absl::Status status;
  bool visible = false;
  std::string text;
  std::string provided_by;  // the id of a HealthcareService's providedBy Organization
};

// The resources `ids` name, made and written on two threads: building, writing and freeing the
// JSON of a page of 200 takes about 13 ms of one core (bench/README.md §12).
std::vector<PageResource> PageResources(const Resources& resources, const authz::Principal& caller,
                                        const std::string& type,
                                        const std::vector<std::string>& ids) {
  std::vector<PageResource> made(ids.size());
  const auto make = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      bool gone = false;
      absl::StatusOr<json> resource = resources.Current(caller, type, ids[i], gone);
      PageResource& out = made[i];
      if (!resource.ok()) {
        out.status = resource.status();
        continue;
      }
      if (resource->is_null()) continue;
      out.visible = true;
      if (type == directory::kHealthcareService) {
        const std::string reference =
            resource->value("/providedBy/reference"_json_pointer, std::string());
        out.provided_by = std::string(absl::StripPrefix(reference, "Organization/"));
      }
      out.text = http::JsonText(*resource);
    }
  };
  if (ids.size() < 16) {
    make(0, ids.size());
    return made;
  }
  std::future<void> second_half = std::async(std::launch::async, make, ids.size() / 2, ids.size());
  make(0, ids.size() / 2);
  second_half.get();
  return made;
}

// A Bundle entry: {"fullUrl":…,"resource":…,"search":{"mode":…}}, the resource already written,
// after a comma when `out` holds entries already.
void AppendEntry(std::string& out, const std::string& full_url, const std::string& resource,
                 const char* mode) {
  if (!out.empty()) out.push_back(',');
  out.append(R"({"fullUrl":)");
  http::AppendJsonString(full_url, out);
  absl::StrAppend(&out, R"(,"resource":)", resource, R"(,"search":{"mode":")", mode, R"("}})");
}

http::Response Respond(const http::Request& request, unsigned status, std::string body) {
  http::Response response(static_cast<http::Status>(status), request.version());
  response.set(http::Field::content_type, kFhirJson);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  return response;
}

http::Response Respond(const http::Request& request, unsigned status, const json& body) {
  // Text from the request may not be UTF-8: replaced, never thrown on.
  return Respond(request, status, http::JsonText(body));
}

}  // namespace

namespace {

// The `_since` parameter, or why it is not one.
absl::StatusOr<absl::Time> ParseSince(const std::string& value) {
  std::optional<absl::Time> since = ParseInstant(value);
  if (!since.has_value()) {
    return absl::InvalidArgumentError("_since : « " + value + " » n'est pas une date FHIR");
  }
  return *since;
}

json UnknownParameter(const std::string& name) {
  return OperationOutcome("not-supported", "paramètre inconnu : " + name, name);
}

}  // namespace

json InternalError() {
  return OperationOutcome("exception", "erreur interne ; citez l'identifiant de requête");
}

json OperationOutcome(const std::string& code, const std::string& diagnostics,
                      const std::string& expression) {
  json issue = {{"severity", "error"}, {"code", code}, {"diagnostics", diagnostics}};
  if (!expression.empty()) issue["expression"] = json::array({expression});
  return {{"resourceType", "OperationOutcome"}, {"issue", json::array({std::move(issue)})}};
}

FhirApi::FhirApi(const Resources& resources, BulkExport* exports, const rest::Upstreams* search,
                 std::string public_url)
    : resources_(resources),
      exports_(exports),
      search_(search),
      public_url_(std::move(public_url)) {}

absl::Status CheckPublicUrl(const std::string& url) {
  const auto bad = [](absl::string_view rule) {
    return absl::InvalidArgumentError(absl::StrCat("--public_url : ", rule));
  };
  // A base address: a query or a fragment would end up inside every link.
  if (url.find_first_of("?#") != std::string::npos) {
    return bad("ni requête ni fragment (une adresse de base)");
  }
  const absl::StatusOr<http::HttpUrl> parsed = http::ParseHttpUrl(url);
  if (!parsed.ok()) return bad(parsed.status().message());
  constexpr char kPathCharacters[] =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%";
  if (parsed->target.find_first_not_of(kPathCharacters) != std::string::npos) {
    return bad("le chemin est fait des caractères d'une URL (RFC 3986)");
  }
  if (absl::EndsWith(url, "/")) return bad("sans « / » final");
  if (absl::EndsWith(url, "/fhir")) return bad("sans « /fhir », que la passerelle ajoute");
  return absl::OkStatus();
}

absl::StatusOr<v1::SearchResponse> FhirApi::CallSearch(const v1::SearchRequest& request,
                                                       const std::string& authorization,
                                                       const http::RequestContext& context) const {
  static const google::protobuf::MethodDescriptor* const kSearch =
      v1::SearchRequest::descriptor()
          ->file()
          ->FindServiceByName("SearchService")
          ->FindMethodByName("Search");
  ASSIGN_OR_RETURN(
      std::unique_ptr<google::protobuf::Message> answer,
      search_->Call("search", *kSearch, request,
                    rest::CallMetadata{.authorization = authorization, .context = &context}));
  return static_cast<const v1::SearchResponse&>(*answer);
}

FhirApi::Answer FhirApi::Search(const authz::Principal& caller, const std::string& type,
                                const std::string& authorization,
                                const http::RequestContext& context, const rest::Params& query,
                                const std::string& base) const {
  absl::StatusOr<FhirSearch> search = ParseFhirSearch(type, query);
  if (!search.ok()) {
    const std::optional<v1::BadRequest> bad = GetBadRequest(search.status());
    const std::string parameter =
        bad.has_value() && bad->field_violations_size() > 0 ? bad->field_violations(0).field() : "";
    return {400, OperationOutcome("invalid", std::string(search.status().message()), parameter)};
  }
  const auto service_error = [](const absl::Status& status) -> Answer {
    // The search service's own words for bad input; an internal error stays in its logs.
    const http::Problem problem = http::ProblemOf(status);
    return {static_cast<unsigned>(problem.status),
            OperationOutcome(problem.status == 400 ? "invalid" : "exception", problem.detail,
                             problem.violations.empty() ? "" : problem.violations[0].field)};
  };
  const v1::ResultType wanted = search->request.type();
  std::vector<std::string> ids = search->ids;
  int64_t total = 0;
  bool more = false;
  if (ids.empty() || search->revinclude_services) {
    if (search_ == nullptr) {
      return {501, OperationOutcome("not-supported", "recherche indisponible")};
    }
  }
  if (ids.empty()) {
    absl::StatusOr<v1::SearchResponse> response =
        CallSearch(search->request, authorization, context);
    if (!response.ok()) return service_error(response.status());
    for (const v1::SearchHit& hit : response->hits()) {
      if (hit.type() == wanted) ids.push_back(hit.id());
    }
    total = wanted == v1::RESULT_TYPE_OFFRE ? response->totals().offres()
                                            : response->totals().etablissements();
    more = response->has_more();
  }
  const auto failed = [](const absl::Status& status) -> Answer {
    log::Error("fhir search failed", {{"error", status.ToString()}});
    return {500, InternalError()};
  };
  // The entries as text: the page's resources are written where they were made.
  std::string matches, included;
  std::set<std::string> organizations;
  std::vector<std::string> matched_egs;
  int64_t found = 0;
  const std::vector<PageResource> made = PageResources(resources_, caller, type, ids);
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string& id = ids[i];
    const PageResource& resource = made[i];
    if (!resource.status.ok()) return failed(resource.status);
    // Indexed but not yet in the gateway's copy (it follows the same bus), or not visible.
    if (!resource.visible) continue;
    ++found;
    if (search->include_organizations && organizations.insert(resource.provided_by).second) {
      bool ignored = false;
      absl::StatusOr<json> organization =
          resources_.Current(caller, directory::kOrganization, resource.provided_by, ignored);
      if (!organization.ok()) return failed(organization.status());
      if (!organization->is_null()) {
        AppendEntry(included, base + "/Organization/" + resource.provided_by,
                    http::JsonText(*organization), "include");
      }
    }
    // Offres hang on an EG or an OI; the search finds them by EG (an OI's, not yet).
    if (search->revinclude_services && finess::IsValidFinessNumber(id)) matched_egs.push_back(id);
    AppendEntry(matches, absl::StrCat(base, "/", type, "/", id), resource.text, "match");
  }
  if (!search->ids.empty()) total = found;
  if (!matched_egs.empty()) {
    // The offres of the page's établissements, page after page, up to a bound: an EG has tens of
    // offres, a page of 200 EGs a few thousand.
    v1::SearchRequest offres;
    offres.set_type(v1::RESULT_TYPE_OFFRE);
    offres.set_page_size(200);
    offres.set_ids_only(true);
    std::set<std::string> matched;
    for (const std::string& eg : matched_egs) {
      offres.mutable_criteria()->add_finess_eg(eg);
      matched.insert(eg);
    }
    for (int page = 0; page < kMaxRevincludePages; ++page) {
      offres.set_page(page);
      absl::StatusOr<v1::SearchResponse> response = CallSearch(offres, authorization, context);
      if (!response.ok()) return service_error(response.status());
      std::vector<std::string> hits;
      for (const v1::SearchHit& hit : response->hits()) {
        if (hit.type() == v1::RESULT_TYPE_OFFRE) hits.push_back(hit.id());
      }
      const std::vector<PageResource> offres_made =
          PageResources(resources_, caller, directory::kHealthcareService, hits);
      for (size_t i = 0; i < hits.size(); ++i) {
        const PageResource& offre = offres_made[i];
        if (!offre.status.ok()) return failed(offre.status);
        // Only those whose organization is a matched EG (not one of its OIs).
        if (!offre.visible || !matched.contains(offre.provided_by)) continue;
        AppendEntry(included, base + "/HealthcareService/" + hits[i], offre.text, "include");
      }
      if (!response->has_more()) break;
    }
  }
  std::string self = base + "/" + type + "?";
  for (const auto& [name, value] : query) {
    if (name != "_page")
      absl::StrAppend(&self, rest::QueryEscaped(name), "=", rest::QueryEscaped(value), "&");
  }
  json links = json::array(
      {{{"relation", "self"}, {"url", absl::StrCat(self, "_page=", search->request.page())}}});
  if (more) {
    links.push_back(
        {{"relation", "next"}, {"url", absl::StrCat(self, "_page=", search->request.page() + 1)}});
  }
  std::string bundle;
  bundle.reserve(matches.size() + included.size() + 512);
  absl::StrAppend(&bundle, R"({"resourceType":"Bundle","type":"searchset","total":)", total,
                  R"(,"link":)", http::JsonText(links), R"(,"entry":[)", matches,
                  !matches.empty() && !included.empty() ? "," : "", included, "]}");
  Answer answer(200, nullptr);
  answer.text = std::move(bundle);
  return answer;
}

FhirApi::Answer FhirApi::Read(const authz::Principal& caller, const std::string& type,
                              const std::string& id) const {
  bool gone = false;
  absl::StatusOr<json> resource = resources_.Current(caller, type, id, gone);
  if (!resource.ok()) {
    log::Error("fhir read failed", {{"error", resource.status().ToString()}});
    return {500, InternalError()};
  }
  if (gone)
    return {410, OperationOutcome("deleted", type + "/" + id + " a été fermée définitivement")};
  if (resource->is_null()) {
    return {404, OperationOutcome("not-found", type + "/" + id + " est inconnue")};
  }
  return {200, *std::move(resource)};
}

FhirApi::Answer FhirApi::History(const authz::Principal& caller, const std::string& type,
                                 const std::vector<std::pair<std::string, std::string>>& query,
                                 const std::string& base) const {
  std::optional<absl::Time> since;
  size_t count = kDefaultPage;
  directory::LogPosition cursor;
  for (const auto& [name, value] : query) {
    if (name == "_since") {
      absl::StatusOr<absl::Time> parsed = ParseSince(value);
      if (!parsed.ok()) {
        return {400, OperationOutcome("invalid", std::string(parsed.status().message()), "_since")};
      }
      since = *parsed;
    } else if (name == "_count") {
      if (!absl::SimpleAtoi(value, &count) || count == 0 || count > kMaxPage) {
        return {400, OperationOutcome("invalid", absl::StrCat("_count : entre 1 et ", kMaxPage),
                                      "_count")};
      }
    } else if (name == "_cursor") {
      std::optional<directory::LogPosition> position = directory::ParsePosition(value);
      if (!position.has_value()) {
        return {400, OperationOutcome("invalid", "_cursor : illisible", "_cursor")};
      }
      cursor = *std::move(position);
    } else {
      return {400, UnknownParameter(name)};
    }
  }
  ChangeFilter filter{.types = {}, .finess_eg = {}, .regions = {}, .since = since};
  if (!type.empty()) filter.types.insert(type);
  // A cursor of a directory since rebuilt starts the replay again: PUTs of the same resources.
  absl::StatusOr<directory::LogPosition> resumed = resources_.directory().Resume(cursor);
  if (!resumed.ok()) {
    log::Error("fhir history failed", {{"error", resumed.status().ToString()}});
    return {500, InternalError()};
  }
  absl::StatusOr<ChangePage> page =
      VisibleChangesAfter(resources_, caller, filter, resumed->sequence, count, kMaxScannedPerPage);
  if (!page.ok()) {
    log::Error("fhir history failed", {{"error", page.status().ToString()}});
    return {500, InternalError()};
  }
  json entries = json::array();
  for (VisibleChange& change : page->changes) {
    const std::string url = change.resource_type + "/" + change.id;
    json entry = {{"fullUrl", base + "/" + url}};
    if (change.gone) {
      entry["request"] = {{"method", "DELETE"}, {"url", url}};
      entry["response"] = {{"status", "410"}, {"lastModified", Instant(change.at)}};
    } else {
      entry["resource"] = std::move(change.resource);
      entry["request"] = {{"method", "PUT"}, {"url", url}};
      entry["response"] = {{"status", "200"}, {"lastModified", Instant(change.at)}};
    }
    entries.push_back(std::move(entry));
  }
  json bundle = {{"resourceType", "Bundle"},
                 {"type", "history"},
                 {"timestamp", Instant(absl::Now())},
                 {"entry", std::move(entries)}};
  const std::string self = base + (type.empty() ? "" : "/" + type) + "/_history";
  json links = json::array({{{"relation", "self"}, {"url", self}}});
  if (page->more) {
    const std::string next_cursor =
        directory::PositionText({.sequence = page->last, .epoch = resumed->epoch});
    std::string next = absl::StrCat(self, "?_count=", count, "&_cursor=", next_cursor);
    if (since.has_value()) next += "&_since=" + Instant(*since);
    links.push_back({{"relation", "next"}, {"url", next}});
  }
  bundle["link"] = std::move(links);
  return {200, std::move(bundle)};
}

http::Response FhirApi::Export(const http::Request& request, const authz::Principal& caller,
                               const std::vector<std::pair<std::string, std::string>>& query,
                               const std::string& base) const {
  ExportRequest job{.types = {},
                    .since = std::nullopt,
                    .filters = {},
                    .caller = caller,
                    .request_url = base + "/$export",
                    .base = base};
  std::vector<std::string> type_filters;
  for (const auto& [name, value] : query) {
    if (name == "_type") {
      for (absl::string_view type : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        if (type != directory::kHealthcareService && type != directory::kOrganization) {
          return Respond(
              request, 400,
              OperationOutcome("not-supported",
                               absl::StrCat("_type : ", type, " n'est pas exporté"), "_type"));
        }
        job.types.emplace_back(type);
      }
    } else if (name == "_since") {
      absl::StatusOr<absl::Time> parsed = ParseSince(value);
      if (!parsed.ok()) {
        return Respond(
            request, 400,
            OperationOutcome("invalid", std::string(parsed.status().message()), "_since"));
      }
      job.since = *parsed;
    } else if (name == "_typeFilter") {
      type_filters.push_back(value);
    } else if (name == "_outputFormat") {
      if (value != "application/fhir+ndjson" && value != "application/ndjson" &&
          value != "ndjson") {
        return Respond(
            request, 400,
            OperationOutcome("not-supported", "_outputFormat : NDJSON seulement", "_outputFormat"));
      }
    } else {
      return Respond(request, 400, UnknownParameter(name));
    }
  }
  if (job.types.empty()) job.types = {directory::kHealthcareService, directory::kOrganization};
  absl::StatusOr<std::vector<TypeFilter>> filters = ParseTypeFilters(type_filters);
  if (!filters.ok()) {
    return Respond(
        request, 400,
        OperationOutcome("invalid", std::string(filters.status().message()), "_typeFilter"));
  }
  job.filters = *std::move(filters);
  const absl::StatusOr<std::string> id = exports_->Start(std::move(job));
  if (!id.ok()) {
    http::Response busy =
        Respond(request, 429, OperationOutcome("throttled", std::string(id.status().message())));
    busy.set(http::Field::retry_after, "60");
    return busy;
  }
  http::Response response = Respond(
      request, 202,
      {{"resourceType", "OperationOutcome"},
       {"issue", json::array({{{"severity", "information"},
                               {"code", "informational"},
                               {"diagnostics", "export accepté : suivez Content-Location"}}})}});
  response.set(http::Field::content_location, base + "/$export-poll-status?_jobId=" + *id);
  return response;
}

http::Response FhirApi::ExportStatus(
    const http::Request& request, const authz::Principal& caller,
    const std::vector<std::pair<std::string, std::string>>& query) const {
  std::string job;
  for (const auto& [name, value] : query) {
    if (name != "_jobId") {
      return Respond(request, 400, UnknownParameter(name));
    }
    job = value;
  }
  const BulkExport::Status status = exports_->StatusOf(job, caller);
  using State = BulkExport::Status::State;
  switch (status.state) {
    case State::kUnknown:
      return Respond(request, 404,
                     OperationOutcome("not-found", "export inconnu : " + job, "_jobId"));
    case State::kQueued:
    case State::kRunning: {
      http::Response response = Respond(request, 202, nlohmann::json::object());
      response.set("X-Progress", absl::StrCat(status.written, " ressources écrites"));
      response.set(http::Field::retry_after, "1");
      return response;
    }
    case State::kFailed:
      return Respond(request, 500,
                     OperationOutcome("exception", "l'export a échoué : " + status.error));
    case State::kDone: {
      http::Response response = Respond(request, 200, status.manifest);
      response.set(http::Field::content_type, "application/json");
      return response;
    }
  }
  return Respond(request, 500, OperationOutcome("exception", "état d'export inconnu"));
}

http::Response FhirApi::ExportFile(const http::Request& request, const authz::Principal& caller,
                                   const std::string& job, const std::string& name) const {
  const std::optional<std::filesystem::path> path = exports_->File(job, name, caller);
  std::ifstream in;
  if (path.has_value()) in.open(*path, std::ios::binary);
  if (!in) {
    return Respond(request, 404,
                   OperationOutcome("not-found", "fichier d'export inconnu : " + name));
  }
  http::Response response(http::Status::ok, request.version());
  response.set(http::Field::content_type, "application/fhir+ndjson");
  response.keep_alive(request.keep_alive());
  response.body().assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return response;
}

http::Response FhirApi::Handle(const http::Request& request, const http::RequestContext& context,
                               const absl::StatusOr<authz::Principal>& verified) const {
  absl::StatusOr<rest::Target> target = rest::ParseTarget(http::View(request.target()));
  if (!target.ok()) {
    return Respond(request, 400,
                   OperationOutcome("invalid", std::string(target.status().message())));
  }
  if (request.method() != http::Verb::get) {
    http::Response response = Respond(
        request, 405, OperationOutcome("not-supported", "cette façade FHIR est en lecture seule"));
    response.set(http::Field::allow, "GET");
    return response;
  }
  if (!verified.ok()) {
    http::Response response =
        Respond(request, 401, OperationOutcome("login", std::string(verified.status().message())));
    response.set(http::Field::www_authenticate, "Bearer");
    return response;
  }
  const authz::Principal& caller = *verified;
  const std::string host = std::string(http::View(request[http::Field::host]));
  const std::string base = (!public_url_.empty() ? public_url_
                            : host.empty()       ? ""
                                                 : "http://" + host) +
                           "/fhir";
  const std::vector<std::string> parts =
      absl::StrSplit(absl::StripPrefix(target->path, "/fhir/"), '/', absl::SkipEmpty());
  if (exports_ != nullptr) {
    if (parts.size() == 1 && parts[0] == "$export") {
      return Export(request, caller, target->query, base);
    }
    if (parts.size() == 1 && parts[0] == "$export-poll-status") {
      return ExportStatus(request, caller, target->query);
    }
    if (parts.size() == 3 && parts[0] == "$export-file") {
      return ExportFile(request, caller, parts[1], parts[2]);
    }
  }
  Answer answer;
  if (parts.size() == 1 &&
      (parts[0] == directory::kHealthcareService || parts[0] == directory::kOrganization)) {
    answer = Search(caller, parts[0], std::string(http::View(request[http::Field::authorization])),
                    context, target->query, base);
  } else if (parts.size() == 1 && parts[0] == "metadata") {
    answer = {200, CapabilityStatement()};
  } else if (parts.size() == 1 && parts[0] == "_history") {
    answer = History(caller, "", target->query, base);
  } else if (parts.size() == 2 && parts[1] == "_history" &&
             (parts[0] == directory::kHealthcareService || parts[0] == directory::kOrganization)) {
    answer = History(caller, parts[0], target->query, base);
  } else if (parts.size() == 2 &&
             (parts[0] == directory::kHealthcareService || parts[0] == directory::kOrganization)) {
    if (!target->query.empty()) {
      answer = {400, UnknownParameter(target->query[0].first)};
    } else {
      answer = Read(caller, parts[0], parts[1]);
    }
  } else {
    answer = {404, OperationOutcome("not-found", "aucune ressource à l'adresse " + target->path)};
  }
  if (!answer.text.empty()) return Respond(request, answer.status, std::move(answer.text));
  return Respond(request, answer.status, answer.body);
}

}  // namespace ror::gateway::fhir
