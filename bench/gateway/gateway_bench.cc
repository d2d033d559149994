// The gateway benchmark of issue 6: the corpus of bench/search (100,000 EGs, 500,000 offres)
// applied to the gateway's directory, served by the gateway's own stack in this process
// (http::HttpServer, Edge, fhir::FhirApi, fhir::Resources, fhir::BulkExport, wired as
// gateway/main.cc wires them; the search service on a gRPC port of its own), then measured from
// outside, over HTTP on loopback:
//   1. GET /fhir/HealthcareService/{id} on random ids, by wrk (a child process, same cores);
//   2. $export of every HealthcareService: kick-off, polls, every NDJSON file downloaded;
//   3. the search page GET /fhir/HealthcareService?name=…&_count=200, one request at a time,
//      then by wrk.
//
//   ror_gateway_bench [--etablissements 100000 --offres 500000] [--dir /tmp/gwbench] [--reuse]
//                     [--nomenclatures_dir ../shared/data/nomenclatures] [--threads 2]
//                     [--log_level warn] [--read_runs 2] [--wrk_connections 32]
//                     [--wrk_seconds 10] [--skip_read] [--skip_export] [--skip_search]
//                     [--queries 200] [--search_connections 8] [--breakdown] [--serve_only]
//
// See bench/README.md §12 for the method and the figures.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "bench/gateway/corpus_directory.h"
#include "bench/gateway/export_driver.h"
#include "bench/gateway/http_client.h"
#include "bench/gateway/others_meter.h"
#include "bench/gateway/search_backend.h"
#include "bench/gateway/wrk_runner.h"
#include "bench/search/corpus.h"
#include "bench/search/corpus_codes.h"
#include "gateway/directory/directory.h"
#include "gateway/edge.h"
#include "gateway/fhir/bulk_export.h"
#include "gateway/fhir/fhir_api.h"
#include "gateway/fhir/resources.h"
#include "gateway/http/http_server.h"
#include "gateway/http/json_text.h"
#include "gateway/rest/request_target.h"
#include "gateway/rest/rest_api.h"
#include "gateway/rest/upstreams.h"
#include "libs/authz/principal.h"
#include "libs/common/clock.h"
#include "libs/common/log.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/server/signals.h"
#include "ror/v1/search.pb.h"

ABSL_FLAG(int, etablissements, 100000, "établissements géographiques of the corpus");
ABSL_FLAG(int, offres, 500000, "offres of the corpus (each created, then validated)");
ABSL_FLAG(std::string, dir, "/tmp/gwbench",
          "where the directory, the search index, the path files and the exports go (kept)");
ABSL_FLAG(bool, reuse, false,
          "keep the directory and the search index an earlier run of the same size left in --dir");
ABSL_FLAG(std::string, nomenclatures_dir, "../shared/data/nomenclatures",
          "the national code lists (the built-in subset when missing)");
ABSL_FLAG(int, batch, 2000, "events per ProjectionWrite when loading the directory");
ABSL_FLAG(int, threads, 2, "the gateway's HTTP threads (ror-gateway --threads)");
ABSL_FLAG(std::string, log_level, "warn",
          "the gateway's log level: warn keeps the access log (one line per request at info) "
          "out of the figures");
ABSL_FLAG(std::string, wrk, "/usr/bin/wrk", "the wrk binary");
ABSL_FLAG(std::string, wrk_script, ROR_GATEWAY_BENCH_LUA, "bench/gateway/random_paths.lua");
ABSL_FLAG(int, wrk_threads, 2, "wrk -t");
ABSL_FLAG(int, wrk_connections, 32, "wrk -c for the reads");
ABSL_FLAG(int, wrk_seconds, 10, "wrk -d (seconds)");
ABSL_FLAG(int, read_runs, 2, "wrk runs of the read");
ABSL_FLAG(bool, skip_read, false, "no read measure");
ABSL_FLAG(bool, skip_export, false, "no $export measure");
ABSL_FLAG(bool, skip_search, false, "no search service, no search page measure");
ABSL_FLAG(int, queries, 200, "keyword queries of the search page measure (bench/search's)");
ABSL_FLAG(int, search_connections, 8, "wrk -c for the search pages (0: no wrk run)");
ABSL_FLAG(absl::Duration, export_poll, absl::Milliseconds(100),
          "how often the $export client polls its status");
ABSL_FLAG(bool, breakdown, false,
          "time the parts of a read, of the export and of a search page in process");
ABSL_FLAG(bool, serve_only, false,
          "load, serve, print the wrk commands and wait for SIGINT or SIGTERM (no measure)");

namespace {

namespace gw = ror::gateway;
namespace bg = ror::bench::gateway;
using ror::bench::LatencySummary;
using ror::bench::Summarize;
using ror::bench::search::Corpus;

using ror::bench::Die;
using ror::bench::Must;

std::string Load() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) return "?";
  return absl::StrFormat("%.2f %.2f %.2f", load[0], load[1], load[2]);
}

uint64_t DirBytes(const std::filesystem::path& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

void Row(const std::string& name, size_t count, const LatencySummary& l) {
  std::printf("  %-40s n=%-6zu p50 %8.3f  p90 %8.3f  p99 %8.3f  max %8.3f ms\n", name.c_str(),
              count, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms);
}

void PrintWrk(const bg::WrkResult& r, const bg::OthersMeter& meter) {
  const double cpu_seconds = meter.SelfSeconds();
  std::printf("  $ %s\n", r.command.c_str());
  std::printf(
      "  %.0f requests/s (%lld in %.1f s), p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; "
      "%.1f KB/response; not 2xx: %lld, socket errors: %lld; gateway CPU %.0f µs/request; "
      "others %.2f cores\n",
      r.requests_per_second, static_cast<long long>(r.requests), r.seconds, r.p50_ms, r.p90_ms,
      r.p99_ms, r.max_ms, r.requests > 0 ? r.bytes / 1e3 / r.requests : 0.0,
      static_cast<long long>(r.errors_status), static_cast<long long>(r.errors_other),
      r.requests > 0 ? cpu_seconds * 1e6 / r.requests : 0.0, meter.Cores());
  std::fflush(stdout);
}

std::vector<std::string> ReadLines(const std::string& file) {
  std::vector<std::string> lines;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void WriteLines(const std::string& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::trunc);
  for (const std::string& line : lines) out << line << '\n';
}

template <typename Run>
LatencySummary TimeEach(size_t n, Run run) {
  std::vector<int64_t> ns;
  ns.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    run(i);
    ns.push_back(absl::ToInt64Nanoseconds(absl::Now() - start));
  }
  return Summarize(ns);
}

// In process, without HTTP: a read's directory lookups, its mapping and its JSON; the export's
// scan, mapping and JSON over every offre; a search page's gRPC call and its 200 reads.
void Breakdown(gw::fhir::Resources& resources, const gw::fhir::FhirApi& fhir,
               const std::vector<std::string>& read_paths,
               const std::vector<std::string>& search_texts,
               const std::vector<std::string>& search_paths, const gw::rest::Upstreams* upstreams) {
  std::printf("\nbreakdown (in process, no HTTP):\n");
  const ror::authz::Principal anonymous = ror::authz::Anonymous();
  std::mt19937_64 rng(7);
  std::vector<std::string> ids;
  for (int i = 0; i < 20000 && !read_paths.empty(); ++i) {
    const std::string& path = read_paths[rng() % read_paths.size()];
    ids.push_back(path.substr(path.rfind('/') + 1));
  }
  Row("read: Directory::Offre (get + parse)", ids.size(),
      TimeEach(ids.size(), [&](size_t i) { Must(resources.directory().Offre(ids[i]), "offre"); }));
  Row("read: Resources::Current (+ EG, mapping)", ids.size(), TimeEach(ids.size(), [&](size_t i) {
        bool gone = false;
        Must(resources.Current(anonymous, gw::directory::kHealthcareService, ids[i], gone), "read");
      }));
  size_t bytes = 0;
  Row("read: Current + dump()", ids.size(), TimeEach(ids.size(), [&](size_t i) {
        bool gone = false;
        bytes += Must(resources.Current(anonymous, gw::directory::kHealthcareService, ids[i], gone),
                      "read")
                     .dump()
                     .size();
      }));
  std::printf("    (%.0f bytes per resource)\n", ids.empty() ? 0.0 : 1.0 * bytes / ids.size());
  Row("read: Current + http::JsonText", ids.size(), TimeEach(ids.size(), [&](size_t i) {
        bool gone = false;
        gw::http::JsonText(Must(
            resources.Current(anonymous, gw::directory::kHealthcareService, ids[i], gone), "read"));
      }));

  int64_t offres = 0, written = 0;
  absl::Time start = absl::Now();
  Must(resources.directory().ForEachOffre([&](const ror::v1::gateway::DirectoryOffre&) {
    ++offres;
    return true;
  }),
       "scan");
  const double scan_s = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  Must(resources.directory().ForEachOffre([&](const ror::v1::gateway::DirectoryOffre& offre) {
    written += !Must(resources.OfOffre(anonymous, offre), "map").is_null();
    return true;
  }),
       "scan + map");
  const double map_s = absl::ToDoubleSeconds(absl::Now() - start);
  start = absl::Now();
  size_t dumped = 0;
  Must(resources.directory().ForEachOffre([&](const ror::v1::gateway::DirectoryOffre& offre) {
    const nlohmann::json resource = Must(resources.OfOffre(anonymous, offre), "map");
    if (!resource.is_null()) dumped += resource.dump().size() + 1;
    return true;
  }),
       "scan + map + dump");
  const double dump_s = absl::ToDoubleSeconds(absl::Now() - start);
  std::printf(
      "  export: scan of %lld offres %.1f s; + OfOffre (EG get, access, mapping) %.1f s; "
      "+ dump() %.1f s (%lld resources, %.0f MB of NDJSON)\n",
      static_cast<long long>(offres), scan_s, map_s, dump_s, static_cast<long long>(written),
      dumped / 1e6);

  if (upstreams == nullptr || search_texts.empty()) return;
  static const google::protobuf::MethodDescriptor* const kSearch =
      ror::v1::SearchRequest::descriptor()
          ->file()
          ->FindServiceByName("SearchService")
          ->FindMethodByName("Search");
  gw::http::RequestContext context;
  context.request_id = "bench";
  context.trace = gw::http::NextHop(std::nullopt);
  context.peer = "127.0.0.1";
  std::vector<std::vector<std::string>> pages(search_texts.size());
  const auto call = [&](size_t i) {
    ror::v1::SearchRequest request;
    request.set_page_size(200);
    request.set_type(ror::v1::RESULT_TYPE_OFFRE);
    request.set_ids_only(true);  // as the facade asks
    request.mutable_criteria()->set_texte(search_texts[i]);
    const auto response =
        Must(upstreams->Call("search", *kSearch, request,
                             gw::rest::CallMetadata{.authorization = "", .context = &context}),
             "search");
    pages[i].clear();
    for (const ror::v1::SearchHit& hit :
         static_cast<const ror::v1::SearchResponse&>(*response).hits()) {
      pages[i].push_back(hit.id());
    }
  };
  TimeEach(search_texts.size(), call);  // warm-up
  Row("search: gRPC Search, page of 200 ids", search_texts.size(),
      TimeEach(search_texts.size(), call));
  Row("search: the page's reads (Current × ids)", search_texts.size(),
      TimeEach(search_texts.size(), [&](size_t i) {
        for (const std::string& id : pages[i]) {
          bool gone = false;
          Must(resources.Current(anonymous, gw::directory::kHealthcareService, id, gone), "read");
        }
      }));
  size_t page_bytes = 0;
  Row("search: FhirApi::Handle, the whole page", search_paths.size(),
      TimeEach(search_paths.size(), [&](size_t i) {
        gw::http::Request request(boost::beast::http::verb::get, search_paths[i], 11);
        request.set(boost::beast::http::field::host, "127.0.0.1");
        const gw::http::Response response = fhir.Handle(request, context, anonymous);
        if (response.result_int() != 200) Die(absl::InternalError(response.body()), "page");
        page_bytes += response.body().size();
      }));
  std::printf("    (%.0f bytes per page)\n", 1.0 * page_bytes / search_paths.size());
}

}  // namespace

int main(int argc, char** argv) {
  ror::bench::ProgramName() = "gateway_bench";
  absl::ParseCommandLine(argc, argv);
  const bool serve_only = absl::GetFlag(FLAGS_serve_only);
  // Before any thread starts, so that every thread inherits the mask.
  if (serve_only) ror::server::BlockShutdownSignals();
  if (!ror::log::InitFromFlag("ror_gateway_bench", "gateway", absl::GetFlag(FLAGS_log_level))) {
    return 2;
  }
  const Corpus corpus(absl::GetFlag(FLAGS_etablissements), absl::GetFlag(FLAGS_offres));
  const std::filesystem::path root(absl::GetFlag(FLAGS_dir));
  std::filesystem::create_directories(root);
  const bool reuse = absl::GetFlag(FLAGS_reuse);

  const ror::nomenclature::Nomenclatures codes =
      ror::bench::search::CorpusCodes(absl::GetFlag(FLAGS_nomenclatures_dir));
  std::printf(
      "gateway_bench: %d établissements, %d offres, %lld events; nomenclatures: %s; %s; "
      "load %s\n",
      corpus.etablissements(), corpus.offres(), static_cast<long long>(corpus.events()),
      codes.source().c_str(), absl::FormatTime(absl::Now()).c_str(), Load().c_str());
  std::fflush(stdout);

  // ---- 1. The directory -----------------------------------------------------------------------
  const std::filesystem::path directory_dir = root / "directory";
  const std::string directory_marker = (root / "directory.corpus").string();
  const bool marked = reuse && bg::HasCorpusMarker(directory_marker, corpus);
  if (!marked) {
    std::filesystem::remove(directory_marker);
    std::filesystem::remove_all(directory_dir);
  }
  std::unique_ptr<ror::bus::ProjectionDb> db =
      Must(ror::bus::ProjectionDb::Open(gw::directory::DirectoryDbOptions(directory_dir.string())),
           "open the directory");
  // As gateway/main.cc: a directory written under an older layout is emptied (then loaded again).
  Must(gw::directory::EnsureLayout(*db), "the directory's layout");
  gw::directory::Directory directory(*db);
  const bool reuse_directory = marked && Must(directory.LastSequence(), "the directory") > 0;
  if (reuse_directory) {
    std::printf("directory: reused %s (%.0f MB)\n", directory_dir.c_str(),
                DirBytes(directory_dir) / 1e6);
  } else {
    const bg::OthersMeter meter;
    const absl::Time start = absl::Now();
    gw::directory::DirectoryProjection projection;
    Must(bg::ApplyCorpus(corpus, projection, *db, absl::GetFlag(FLAGS_batch)),
         "load the directory");
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    bg::WriteCorpusMarker(directory_marker, corpus);
    std::printf(
        "directory: loaded %lld events in %.1f s (%.0f events/s, %d per commit), %.0f MB; "
        "others %.2f cores\n",
        static_cast<long long>(corpus.events()), seconds, corpus.events() / seconds,
        absl::GetFlag(FLAGS_batch), DirBytes(directory_dir) / 1e6, meter.Cores());
  }
  const std::string read_file = (root / "read_paths.txt").string();
  const bg::ReadPaths read_paths = Must(bg::WriteReadPaths(corpus, read_file), "read paths");
  std::printf("read paths: %lld offres in %s (%lld unités sensibles left out)\n",
              static_cast<long long>(read_paths.written), read_file.c_str(),
              static_cast<long long>(read_paths.sensible));
  std::fflush(stdout);

  // ---- 2. The search service ------------------------------------------------------------------
  std::unique_ptr<bg::SearchBackend> search;
  if (!absl::GetFlag(FLAGS_skip_search)) {
    const bg::OthersMeter meter;
    search = Must(bg::SearchBackend::Start(corpus, (root / "search").string(), codes, reuse),
                  "search backend");
    if (search->reused()) {
      std::printf("search: reused the index in %s (%.0f MB); gRPC on 127.0.0.1:%d\n",
                  (root / "search").c_str(), DirBytes(root / "search") / 1e6, search->port());
    } else {
      std::printf(
          "search: read model %.1f s + index %.1f s (%.0f MB); gRPC on 127.0.0.1:%d; "
          "others %.2f cores\n",
          search->projection_seconds(), search->index_seconds(), DirBytes(root / "search") / 1e6,
          search->port(), meter.Cores());
    }
    std::fflush(stdout);
  }

  // ---- 3. The gateway, as gateway/main.cc wires it (no token verifier: every call anonymous;
  // limits out of the way, as in §11)
  // --------------------------------------------------------------
  gw::fhir::Resources resources(directory, codes);
  gw::fhir::BulkExport exports(resources, root / "exports");
  std::map<std::string, std::string> addresses;
  if (search != nullptr) addresses["search"] = absl::StrCat("127.0.0.1:", search->port());
  const gw::rest::Upstreams upstreams(addresses, absl::Seconds(10));
  const gw::rest::RestApi api(upstreams);
  const gw::fhir::FhirApi fhir(resources, &exports, &upstreams);
  const ror::SystemClock clock;
  gw::Edge edge(api, &fhir, /*verifier=*/nullptr,
                gw::EdgeOptions{.per_client = {.per_second = 1e9, .burst = 1e9},
                                .per_address = {.per_second = 1e9, .burst = 1e9}},
                clock);
  gw::http::HttpServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.threads = absl::GetFlag(FLAGS_threads);
  gw::http::HttpServer server(server_options, [&edge](const gw::http::Request& request,
                                                      const gw::http::RequestContext& context) {
    return edge.Handle(request, context);
  });
  Must(server.Start(), "start the gateway");
  const int port = server.port();
  bg::HttpClient client(port);
  {
    const std::string first = "/fhir/HealthcareService/" + read_paths.first;
    const bg::HttpReply ok = Must(client.Get(first), "first read");
    std::printf("gateway: http://127.0.0.1:%d, %d threads; GET %s → %u (%zu bytes)", port,
                server_options.threads, first.c_str(), ok.status, ok.body.size());
    if (!read_paths.first_sensible.empty()) {
      const bg::HttpReply hidden =
          Must(client.Get("/fhir/HealthcareService/" + read_paths.first_sensible), "sensible read");
      std::printf("; an unité sensible → %u", hidden.status);
    }
    std::printf("\n");
    if (ok.status != 200) Die(absl::InternalError(ok.body), "first read");
  }
  std::fflush(stdout);

  bg::WrkOptions wrk{.wrk = absl::GetFlag(FLAGS_wrk),
                     .script = absl::GetFlag(FLAGS_wrk_script),
                     .paths_file = read_file,
                     .port = port,
                     .threads = absl::GetFlag(FLAGS_wrk_threads),
                     .connections = absl::GetFlag(FLAGS_wrk_connections),
                     .seconds = absl::GetFlag(FLAGS_wrk_seconds)};
  const std::vector<std::string> texts = corpus.KeywordQueries(absl::GetFlag(FLAGS_queries));
  std::vector<std::string> search_paths;
  for (const std::string& text : texts) {
    search_paths.push_back(absl::StrCat(
        "/fhir/HealthcareService?name=", ror::gateway::rest::QueryEscaped(text), "&_count=200"));
  }
  const std::string search_file = (root / "search_paths.txt").string();
  WriteLines(search_file, search_paths);

  if (serve_only) {
    bg::WrkOptions search_wrk = wrk;
    search_wrk.paths_file = search_file;
    search_wrk.connections = absl::GetFlag(FLAGS_search_connections);
    std::printf("serving until SIGINT or SIGTERM; for instance:\n  %s\n  %s\n",
                bg::WrkCommand(wrk).c_str(), bg::WrkCommand(search_wrk).c_str());
    std::fflush(stdout);
    ror::server::WaitForShutdownSignal();
    server.Stop();
    return 0;
  }

  // ---- 4. Read --------------------------------------------------------------------------------
  if (!absl::GetFlag(FLAGS_skip_read)) {
    std::printf("\nread: GET /fhir/HealthcareService/{id}, ids drawn at random from %lld\n",
                static_cast<long long>(read_paths.written));
    for (int run = 0; run < absl::GetFlag(FLAGS_read_runs); ++run) {
      std::printf(" run %d, %s, load before %s\n", run + 1,
                  absl::FormatTime("%H:%M:%S", absl::Now(), absl::LocalTimeZone()).c_str(),
                  Load().c_str());
      const bg::OthersMeter meter;
      const bg::WrkResult result = Must(bg::RunWrk(wrk), "wrk");
      PrintWrk(result, meter);
    }
  }

  // ---- 5. $export -----------------------------------------------------------------------------
  if (!absl::GetFlag(FLAGS_skip_export)) {
    std::printf("\n$export: GET /fhir/$export?_type=HealthcareService, %s, load before %s\n",
                absl::FormatTime("%H:%M:%S", absl::Now(), absl::LocalTimeZone()).c_str(),
                Load().c_str());
    const bg::OthersMeter meter;
    const bg::ExportRun run = Must(bg::DriveExport(client, "/fhir/$export?_type=HealthcareService",
                                                   absl::GetFlag(FLAGS_export_poll)),
                                   "$export");
    std::printf(
        "  manifest after %.1f s (%lld polls); last byte after %.1f s (download %.1f s): "
        "%lld resources in %lld files, %.0f MB (%.0f bytes each); %.0f offres/s read, "
        "%.0f resources/s written; process CPU %.1f s; others %.2f cores\n",
        run.manifest_seconds, static_cast<long long>(run.polls), run.total_seconds,
        run.total_seconds - run.manifest_seconds, static_cast<long long>(run.resources),
        static_cast<long long>(run.files), run.bytes / 1e6,
        run.resources > 0 ? 1.0 * run.bytes / run.resources : 0.0,
        corpus.offres() / run.total_seconds, run.resources / run.total_seconds, meter.SelfSeconds(),
        meter.Cores());
    std::error_code ec;
    if (!run.job.empty()) std::filesystem::remove_all(root / "exports" / run.job, ec);
    std::fflush(stdout);
  }

  // ---- 6. Search page -------------------------------------------------------------------------
  if (search != nullptr) {
    std::printf(
        "\nsearch: GET /fhir/HealthcareService?name=…&_count=200, %zu keyword queries "
        "of bench/search, one at a time, %s, load before %s\n",
        search_paths.size(),
        absl::FormatTime("%H:%M:%S", absl::Now(), absl::LocalTimeZone()).c_str(), Load().c_str());
    std::vector<size_t> entries(search_paths.size());
    const auto get = [&](size_t i) {
      const bg::HttpReply reply = Must(client.Get(search_paths[i]), "search page");
      if (reply.status != 200) {
        Die(absl::InternalError(reply.body), absl::StrCat("search page ", search_paths[i]));
      }
      size_t count = 0;
      for (size_t at = reply.body.find("\"mode\":\"match\""); at != std::string::npos;
           at = reply.body.find("\"mode\":\"match\"", at + 1)) {
        ++count;
      }
      entries[i] = count;
    };
    for (size_t i = 0; i < search_paths.size(); ++i) get(i);  // warm-up
    const bg::OthersMeter meter;
    std::vector<int64_t> all, full;
    std::vector<std::string> full_paths;
    size_t total_entries = 0;
    for (size_t i = 0; i < search_paths.size(); ++i) {
      const absl::Time start = absl::Now();
      get(i);
      const int64_t ns = absl::ToInt64Nanoseconds(absl::Now() - start);
      all.push_back(ns);
      total_entries += entries[i];
      if (entries[i] == 200) {
        full.push_back(ns);
        full_paths.push_back(search_paths[i]);
      }
    }
    const size_t n_all = all.size(), n_full = full.size();
    Row("every page", n_all, Summarize(all));
    std::printf("    (%.1f entries per page on average)\n", 1.0 * total_entries / n_all);
    Row("pages of 200 entries", n_full, Summarize(full));
    std::printf("    (others %.2f cores)\n", meter.Cores());
    if (absl::GetFlag(FLAGS_search_connections) > 0 && !full_paths.empty()) {
      const std::string full_file = (root / "search_full_pages.txt").string();
      WriteLines(full_file, full_paths);
      bg::WrkOptions search_wrk = wrk;
      search_wrk.paths_file = full_file;
      search_wrk.connections = absl::GetFlag(FLAGS_search_connections);
      std::printf(" pages of 200 under load, load before %s\n", Load().c_str());
      const bg::OthersMeter load_meter;
      const bg::WrkResult result = Must(bg::RunWrk(search_wrk), "wrk search");
      PrintWrk(result, load_meter);
    }
  }

  if (absl::GetFlag(FLAGS_breakdown)) {
    Breakdown(resources, fhir, ReadLines(read_file), texts, search_paths,
              search != nullptr ? &upstreams : nullptr);
  }
  std::printf("\ndone, load %s\n", Load().c_str());
  server.Stop();
  return 0;
}
