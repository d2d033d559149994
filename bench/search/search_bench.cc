// The search benchmark of issue 5: a synthetic directory of 100,000 établissements and 500,000
// offres, rebuilt from its events (directly, and from the bus through the devbroker), queried by
// keywords, distance and type-ahead through SearchEngine, the same keyword queries run on SQLite
// FTS5 as the peer, and the event-to-searchable lag at a steady event rate.
//
//   ror_search_bench [--etablissements 100000 --offres 500000] [--queries 200]
//                    [--nomenclatures_dir ../shared/data/nomenclatures] [--lag_rate 1000]
//                    [--lag_seconds 20] [--skip_bus] [--dir /tmp/x]
//                    [--skip_direct] [--skip_fts5] [--keep_direct] [--reuse_direct]
//                    [--query_rounds 1] [--breakdown] [--linger_ms 5] [--progress]
//
// See bench/README.md §10 for the method and the figures.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "bench/search/corpus.h"
#include "bench/search/corpus_codes.h"
#include "librdkafka/rdkafkacpp.h"
#include "libs/authz/access_testing.h"
#include "libs/authz/principal.h"
#include "libs/bus/cloudevents.h"
#include "libs/bus/devbroker.h"
#include "libs/bus/kafka_conf.h"
#include "libs/bus/relay.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/nomenclature/nomenclatures.h"
#include "services/search/app/access_filter.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/extrait.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/indexer.h"
#include "services/search/app/query_builder.h"
#include "services/search/app/read_model.h"
#include "services/search/app/search_engine.h"
#include "services/search/app/search_index.h"
#include "services/search/app/visibility.h"
#include "services/search/app/word_ranking.h"

ABSL_FLAG(int, etablissements, 100000, "établissements géographiques of the corpus");
ABSL_FLAG(int, offres, 500000, "offres of the corpus (each created, then validated)");
ABSL_FLAG(int, queries, 200, "queries of each kind (keyword, distance, type-ahead)");
ABSL_FLAG(std::string, nomenclatures_dir, "../shared/data/nomenclatures",
          "the national code lists (the built-in subset when missing)");
ABSL_FLAG(int, partitions, 256,
          "partitions of ror.offre.events.v1 on the devbroker (it keeps about 5 MB per partition)");
ABSL_FLAG(int, lag_rate, 1000,
          "events per second during the lag measure (half OffreCreated, half "
          "DraftValidated)");
ABSL_FLAG(int, lag_seconds, 20, "duration of the lag measure");
ABSL_FLAG(bool, skip_bus, false, "skip the bus rebuild and the lag measure");
ABSL_FLAG(std::string, dir, "",
          "work directory (default: a fresh one under /tmp, removed at exit)");
ABSL_FLAG(bool, skip_direct, false, "skip the direct rebuild, the queries and FTS5 (bus only)");
ABSL_FLAG(bool, skip_fts5, false, "skip the FTS5 peer");
using ror::bus::kRelayLingerMs;
ABSL_FLAG(int, linger_ms, kRelayLingerMs,
          "linger.ms of the producer that fills the bus: 5 as the relays; larger, fewer and larger "
          "message sets (the devbroker finds an offset by scanning a partition's message sets)");
ABSL_FLAG(bool, progress, false, "print the bus rebuild's progress every 5 s");
ABSL_FLAG(bool, keep_direct, false,
          "keep <dir>/direct (read model and index of the direct rebuild) for --reuse_direct");
ABSL_FLAG(bool, reuse_direct, false,
          "query the index kept in <dir>/direct by an earlier --keep_direct run, no rebuild");
ABSL_FLAG(bool, breakdown, false,
          "time the parts of a keyword and a distance Search apart (Xapian calls as "
          "search_engine.cc makes them)");
ABSL_FLAG(uint32_t, split_from, ror::search::app::kSplitFromPostings,
          "rank words alone on both cores when the rarest is in at least this many documents "
          "(split_ranking.h); 4294967295: never, for an A/B");
ABSL_FLAG(int, query_rounds, 1,
          "measured passes over the queries (more: a longer window for perf record)");

namespace {

using ror::bench::LatencySummary;
using ror::bench::Summarize;
using ror::bench::search::Corpus;
using ror::bench::search::CorpusOffre;
namespace app = ror::search::app;
namespace v1 = ror::v1;

using ror::bench::Die;
using ror::bench::Must;

double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

void Row(const std::string& name, size_t count, const LatencySummary& l) {
  std::printf("  %-44s n=%-5zu p50 %8.3f  p90 %8.3f  p99 %8.3f  max %8.3f ms\n", name.c_str(),
              count, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms);
}

std::string Load() {
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) return "?";
  return absl::StrFormat("%.2f %.2f %.2f", load[0], load[1], load[2]);
}

// A read model and its index in `dir`.
struct Stack {
  std::unique_ptr<ror::bus::ProjectionDb> db;
  std::unique_ptr<app::ReadModel> model;
  std::unique_ptr<app::SearchIndex> index;
  std::unique_ptr<app::Indexer> indexer;

  Stack(const std::string& dir, app::DocumentBuilder& builder, app::IndexerOptions options) {
    std::filesystem::create_directories(dir);
    db = Must(ror::bus::ProjectionDb::Open(app::ReadModelDbOptions(dir + "/read_model")),
              "open read model");
    model = std::make_unique<app::ReadModel>(*db);
    index = Must(app::SearchIndex::Open(dir + "/index", app::IndexLayout()), "open index");
    indexer = std::make_unique<app::Indexer>(*model, *index, builder, std::move(options));
  }
  ~Stack() {
    indexer->Stop();
    indexer.reset();
    index.reset();
    model.reset();
    db.reset();
  }
};

uint64_t DirBytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

// ---- Queries through SearchEngine ---------------------------------------------------------

struct QueryResult {
  std::vector<int64_t> ns;
  int64_t empty = 0;
  int64_t hits = 0;
  double mean_total = 0;
};

template <typename Run>
QueryResult Time(size_t n, Run run) {
  QueryResult r;
  double totals = 0;
  for (size_t i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    const int64_t total = run(i);
    r.ns.push_back(absl::ToInt64Nanoseconds(absl::Now() - start));
    if (total == 0) ++r.empty;
    totals += static_cast<double>(total);
  }
  r.mean_total = n == 0 ? 0 : totals / static_cast<double>(n);
  return r;
}

// ---- FTS5 peer ----------------------------------------------------------------------------

struct Sqlite {
  sqlite3* db = nullptr;
  ~Sqlite() {
    if (db != nullptr) sqlite3_close(db);
  }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      Die(absl::InternalError(error == nullptr ? "?" : error), sql);
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      Die(absl::InternalError(sqlite3_errmsg(db)), sql);
    }
    return stmt;
  }
};

// Every word as an FTS5 string: implicit AND, like our default operator.
std::string Fts5Query(const std::string& text) {
  std::vector<std::string> terms;
  for (absl::string_view w : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    terms.push_back(absl::StrCat("\"", absl::StrReplaceAll(w, {{"\"", "\"\""}}), "\""));
  }
  return absl::StrJoin(terms, " ");
}

// ---- Bus ----------------------------------------------------------------------------------

class Producer {
 public:
  Producer(const std::string& bootstrap, int linger_ms) : log_("search-bench-producer") {
    auto conf = Must(ror::bus::MakeKafkaConf({{"bootstrap.servers", bootstrap},
                                              {"enable.idempotence", "true"},
                                              {"acks", "all"},
                                              {"linger.ms", absl::StrCat(linger_ms)},
                                              {"batch.num.messages", "10000"},
                                              {"queue.buffering.max.messages", "1000000"},
                                              {"queue.buffering.max.kbytes", "2000000"},
                                              {"log_level", "4"}},
                                             &log_),
                     "producer configuration");
    std::string error;
    producer_.reset(RdKafka::Producer::create(conf.get(), error));
    if (!producer_) Die(absl::InternalError(error), "create producer");
  }
  ~Producer() { Flush(); }

  void Send(const v1::EventEnvelope& event) {
    const ror::bus::OutgoingRecord record = ror::bus::EventRecord(event, "bench");
    RdKafka::Headers* headers = RdKafka::Headers::create();
    for (const auto& [key, value] : record.headers) headers->add(key, value);
    for (;;) {
      const RdKafka::ErrorCode err = producer_->produce(
          record.topic, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
          const_cast<char*>(record.value.data()), record.value.size(), record.key.data(),
          record.key.size(), 0, headers, nullptr);
      if (err == RdKafka::ERR_NO_ERROR) break;
      if (err != RdKafka::ERR__QUEUE_FULL) {
        delete headers;
        Die(absl::InternalError(RdKafka::err2str(err)), "produce");
      }
      producer_->poll(10);
    }
    bytes_ += record.value.size();
    for (const auto& [key, value] : record.headers) bytes_ += key.size() + value.size();
  }
  void Poll() { producer_->poll(0); }
  void Flush() {
    while (producer_->outq_len() > 0) producer_->flush(1000);
  }
  uint64_t bytes() const { return bytes_; }

 private:
  ror::bus::KafkaLogBridge log_;
  std::unique_ptr<RdKafka::Producer> producer_;
  uint64_t bytes_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  ror::bench::ProgramName() = "search_bench";
  absl::ParseCommandLine(argc, argv);
  ror::log::Init("search_bench", "error");
  const int n_eg = absl::GetFlag(FLAGS_etablissements);
  const int n_offres = absl::GetFlag(FLAGS_offres);
  const int n_queries = absl::GetFlag(FLAGS_queries);
  const Corpus corpus(n_eg, n_offres);
  ror::bench::ScratchDir scratch =
      Must(ror::bench::ScratchDir::Make(absl::GetFlag(FLAGS_dir), "ror-search-bench"), "dir");
  const std::string root = scratch.path();

  const ror::nomenclature::Nomenclatures codes =
      ror::bench::search::CorpusCodes(absl::GetFlag(FLAGS_nomenclatures_dir));
  const app::Labels labels(codes);
  app::DocumentBuilder builder(labels);
  ror::SystemClock clock;
  ror::IdGenerator ids(clock);

  std::printf(
      "search_bench: %d établissements, %d offres, %lld events; nomenclatures: %s; "
      "load %s\n",
      n_eg, n_offres, static_cast<long long>(corpus.events()), codes.source().c_str(),
      Load().c_str());

  // ---- 1. Rebuild: the events applied through the projection, then the index ---------------
  double direct_projection_s = 0, direct_index_s = 0;
  if (!absl::GetFlag(FLAGS_skip_direct)) {
    const bool reuse = absl::GetFlag(FLAGS_reuse_direct) &&
                       std::filesystem::exists(root + "/direct/index/xapian/iamglass");
    Stack stack(root + "/direct", builder, app::IndexerOptions());
    if (reuse) {
      std::printf("reusing %s/direct (index %.0f MB): no rebuild\n", root.c_str(),
                  DirBytes(root + "/direct/index") / 1e6);
    } else {
      app::ReadModelProjection projection(ids);
      absl::Time start = absl::Now();
      constexpr int64_t kBatch = 2000;
      for (int64_t n = 0; n < corpus.events(); n += kBatch) {
        ror::bus::ProjectionWrite write(*stack.db);
        for (int64_t k = n; k < std::min(n + kBatch, corpus.events()); ++k) {
          const v1::EventEnvelope event = corpus.Event(k);
          Must(projection.Apply(event, write), "apply");
          write.SetAppliedVersion(event.stream_id(), event.stream_version());
        }
        Must(stack.db->Commit(write), "commit");
      }
      direct_projection_s = Seconds(absl::Now() - start);
      std::printf("rebuild (direct): projection %.1f s (%.0f events/s), load %s\n",
                  direct_projection_s, corpus.events() / direct_projection_s, Load().c_str());
      std::fflush(stdout);
      start = absl::Now();
      Must(stack.indexer->CatchUp(), "index");
      direct_index_s = Seconds(absl::Now() - start);
      const app::IndexerStats stats = stack.indexer->Stats();
      std::printf(
          "rebuild (direct): index %.1f s (%.0f documents/s), indexed_change %llu of %llu, "
          "index %.0f MB, read model %.0f MB; total %.1f s\n",
          direct_index_s, (n_eg + n_offres) / direct_index_s,
          static_cast<unsigned long long>(stats.indexed_change),
          static_cast<unsigned long long>(stats.last_change),
          DirBytes(root + "/direct/index") / 1e6, DirBytes(root + "/direct/read_model") / 1e6,
          direct_projection_s + direct_index_s);
      std::fflush(stdout);
    }  // !reuse

    // ---- 2. Queries ------------------------------------------------------------------------
    app::SearchEngine engine(*stack.index, codes, nullptr, absl::GetFlag(FLAGS_split_from));
    const ror::authz::Principal anonymous = ror::authz::Anonymous();
    const ror::authz::Principal regulateur = ror::authz::testing::UserWith(
        {ror::authz::testing::GrantOf(ror::authz::Role::kRegulateur, "11")});
    const std::vector<std::string> keywords = corpus.KeywordQueries(n_queries);
    const std::vector<std::pair<double, double>> centres = corpus.Centres(n_queries);
    const std::vector<std::string> prefixes = corpus.Prefixes(n_queries);

    auto keyword = [&](const ror::authz::Principal& who) {
      return [&](size_t i) -> int64_t {
        v1::SearchRequest request;
        request.mutable_criteria()->set_texte(keywords[i]);
        return Must(engine.Search(who, request), "search").totals().tous();
      };
    };
    auto distance = [&](const ror::authz::Principal& who) {
      return [&](size_t i) -> int64_t {
        v1::SearchRequest request;
        v1::Proximity& p = *request.mutable_criteria()->mutable_proximite();
        p.mutable_point()->set_latitude(centres[i].first);
        p.mutable_point()->set_longitude(centres[i].second);
        p.set_rayon_km(20);
        request.set_type(v1::RESULT_TYPE_OFFRE);
        request.set_sort(v1::SORT_ORDER_DISTANCE);
        return Must(engine.Search(who, request), "distance search").totals().offres();
      };
    };
    auto suggest = [&](const ror::authz::Principal& who) {
      return [&](size_t i) -> int64_t {
        v1::SuggestRequest request;
        request.set_prefix(prefixes[i]);
        return Must(engine.Suggest(who, request), "suggest").hits_size();
      };
    };
    // RankWords gives Xapian's pages: checked on every keyword query, for both callers.
    for (const ror::authz::Principal* who : {&anonymous, &regulateur}) {
      const app::Visible visible = app::VisibleTo(*who);
      int differ = 0, fast = 0;
      for (const std::string& words : keywords) {
        v1::SearchCriteria criteria;
        criteria.set_texte(words);
        Must(stack.index->Read([&](const Xapian::Database& db) -> absl::Status {
          auto built = app::BuildQuery(db, *stack.index, criteria, v1::RESULT_TYPE_UNSPECIFIED,
                                       visible, nullptr);
          if (!built.ok()) return built.status();
          if (!(*built)->words.has_value()) return absl::OkStatus();
          ++fast;
          const app::RankedPage mine =
              app::RankWords(db, *(*built)->words, v1::RESULT_TYPE_UNSPECIFIED, 0, 21);
          Xapian::Enquire enquire(db);
          enquire.set_query((*built)->query);
          enquire.set_weighting_scheme(app::RelevanceWeight());
          const app::RankedPage xapian = app::PageOf(enquire.get_mset(0, 21, db.get_doccount()));
          bool same = mine.hits.size() == xapian.hits.size() &&
                      mine.estimated == xapian.estimated && xapian.lower == xapian.upper;
          for (size_t h = 0; same && h < mine.hits.size(); ++h) {
            same = mine.hits[h].docid == xapian.hits[h].docid &&
                   std::abs(mine.hits[h].weight - xapian.hits[h].weight) <= 1e-9;
          }
          if (!same && ++differ <= 3)
            std::printf("  RankWords differs for « %s »\n", words.c_str());
          return absl::OkStatus();
        }),
             "compare");
      }
      std::printf("RankWords against Xapian's matcher: %d of %zu queries ranked by it, %d differ\n",
                  fast, keywords.size(), differ);
    }
    // Warm-up: every query once (pages into the cache, readers opened).
    Time(keywords.size(), keyword(anonymous));
    Time(centres.size(), distance(anonymous));
    Time(prefixes.size(), suggest(anonymous));

    std::printf("\nqueries (load %s), latency of SearchEngine calls in process:\n", Load().c_str());
    std::map<std::string, QueryResult> results;
    for (int round = 0; round < absl::GetFlag(FLAGS_query_rounds); ++round)
      for (const auto& [who_name, who] :
           std::vector<std::pair<std::string, const ror::authz::Principal*>>{
               {"anonymous", &anonymous}, {"régulateur (région 11)", &regulateur}}) {
        QueryResult k = Time(keywords.size(), keyword(*who));
        QueryResult d = Time(centres.size(), distance(*who));
        QueryResult s = Time(prefixes.size(), suggest(*who));
        const LatencySummary ks = Summarize(k.ns), ds = Summarize(d.ns), ss = Summarize(s.ns);
        Row(absl::StrCat("keyword, ", who_name), k.ns.size(), ks);
        std::printf(
            "    (mean total %.0f, %lld with no result; so far %llu searches on two cores, "
            "%llu large enough on one)\n",
            k.mean_total, static_cast<long long>(k.empty),
            static_cast<unsigned long long>(engine.ranking().split()),
            static_cast<unsigned long long>(engine.ranking().alone()));
        Row(absl::StrCat("distance 20 km, offres, ", who_name), d.ns.size(), ds);
        std::printf("    (mean offres within 20 km %.0f)\n", d.mean_total);
        Row(absl::StrCat("type-ahead, ", who_name), s.ns.size(), ss);
        std::printf("    (mean suggestions %.1f, %lld prefixes with none)\n", s.mean_total,
                    static_cast<long long>(s.empty));
        results[absl::StrCat("keyword ", who_name)] = std::move(k);
      }
    const double ours_p50 = Summarize(results["keyword anonymous"].ns).p50_ms;

    // ---- 2b. Breakdown: the Xapian calls of SearchEngine::Search, timed one by one -----------
    if (absl::GetFlag(FLAGS_breakdown)) {
      std::printf("\nbreakdown (anonymous; load %s), each line a variant of the same queries:\n",
                  Load().c_str());
      const app::Visible visible = app::VisibleTo(anonymous);
      struct Variant {
        std::string name;
        std::function<int64_t(const Xapian::Database&, const app::BuiltQuery&)> run;
      };
      // A page as Search runs it: BM25 without length normalisation, ranked by relevance or, with
      // a proximity, by distance alone.
      auto page = [](Xapian::doccount check, bool nearest_first) {
        return [=](const Xapian::Database& db, const app::BuiltQuery& built) -> int64_t {
          Xapian::Enquire enquire(db);
          enquire.set_query(nearest_first ? built.nearest_first : built.query);
          enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0, 0.5));
          return enquire.get_mset(0, 21, check).get_matches_estimated();
        };
      };
      auto eg_count = [](Xapian::doccount check) {
        return [=](const Xapian::Database& db, const app::BuiltQuery& built) -> int64_t {
          Xapian::Enquire enquire(db);
          enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query,
                                          Xapian::Query(app::schema::kTypeEtablissement)));
          enquire.set_weighting_scheme(Xapian::BoolWeight());
          return enquire.get_mset(0, 0, check).get_matches_estimated();
        };
      };
      auto hits = [&](bool extrait) {
        return [&, extrait](const Xapian::Database& db, const app::BuiltQuery& built) -> int64_t {
          Xapian::Enquire enquire(db);
          enquire.set_query(built.query);
          enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0, 0.5));
          const Xapian::MSet mset = enquire.get_mset(0, 21);
          // The extrait's stems, of one fixed word: this row times cutting the extraits.
          app::Highlighter highlighter(extrait ? "cardiologie" : "");
          int64_t n = 0;
          for (auto it = mset.begin(); it != mset.end() && n < 20; ++it, ++n) {
            const v1::search::StoredDocument stored = stack.index->Stored(it.get_document());
            if (extrait) highlighter.Extrait(stored.texte());
          }
          return n;
        };
      };
      const std::string exact = absl::StrCat("check ", app::kExactCountUpTo);
      const auto words_page = [](const Xapian::Database& db,
                                 const app::BuiltQuery& built) -> int64_t {
        if (!built.words.has_value()) return 0;
        return app::RankWords(db, *built.words, v1::RESULT_TYPE_UNSPECIFIED, 0, 21).estimated;
      };
      const std::vector<Variant> kw = {
          {"RankWords: page of 21 (Search's)", words_page},
          {"page of 21, check 0", page(0, false)},
          {absl::StrCat("page of 21, ", exact, " (Search's totals)"),
           page(app::kExactCountUpTo, false)},
          {absl::StrCat("EG count, BoolWeight, ", exact), eg_count(app::kExactCountUpTo)},
          {"page of 21 + 20 hits: stored documents", hits(false)},
          {"page of 21 + 20 hits: stored documents + extrait", hits(true)},
      };
      const std::vector<Variant> dist = {
          {"count of the cells' candidates (no distance check)",
           [&](const Xapian::Database& db, const app::BuiltQuery& built) -> int64_t {
             std::vector<Xapian::Query> cells;
             for (const std::string& cell : ror::search::domain::CoveringCells(
                      built.circle->centre, built.circle->radius_km)) {
               cells.emplace_back(app::schema::Term(app::schema::kGeoCell, cell));
             }
             Xapian::Enquire enquire(db);
             enquire.set_query(visible.Restrict(
                 Xapian::Query(Xapian::Query::OP_AND_NOT,
                               Xapian::Query(Xapian::Query::OP_OR, cells.begin(), cells.end()),
                               Xapian::Query(app::schema::kTypeEtablissement)),
                 app::Closed::kExcluded));
             enquire.set_weighting_scheme(Xapian::BoolWeight());
             return enquire.get_mset(0, 0, app::kExactCountUpTo).get_matches_estimated();
           }},
          {"page of 21 nearest first, check 0", page(0, true)},
          {absl::StrCat("page of 21 nearest first, ", exact, " (Search's totals)"),
           page(app::kExactCountUpTo, true)},
      };
      auto measure = [&](const std::string& kind, const std::vector<Variant>& variants,
                         const std::function<v1::SearchCriteria(size_t)>& criteria_of,
                         v1::ResultType type) {
        for (const Variant& v : variants) {
          std::vector<int64_t> build_ns, run_ns;
          int64_t total = 0;
          for (int pass = 0; pass < 2; ++pass) {  // the first pass warms up
            build_ns.clear();
            run_ns.clear();
            total = 0;
            for (size_t i = 0; i < static_cast<size_t>(n_queries); ++i) {
              Must(stack.index->Read([&](const Xapian::Database& db) -> absl::Status {
                const v1::SearchCriteria criteria = criteria_of(i);
                absl::Time t = absl::Now();
                auto built = app::BuildQuery(db, *stack.index, criteria, type, visible, nullptr);
                if (!built.ok()) return built.status();
                build_ns.push_back(absl::ToInt64Nanoseconds(absl::Now() - t));
                t = absl::Now();
                total += v.run(db, **built);
                run_ns.push_back(absl::ToInt64Nanoseconds(absl::Now() - t));
                return absl::OkStatus();
              }),
                   "breakdown");
            }
          }
          Row(absl::StrCat(kind, ": ", v.name), run_ns.size(), Summarize(run_ns));
          std::printf("    (mean result %.0f)\n", static_cast<double>(total) / n_queries);
          if (&v == &variants.front()) {
            Row(absl::StrCat(kind, ": BuildQuery"), build_ns.size(), Summarize(build_ns));
          }
        }
      };
      measure(
          "keyword", kw,
          [&](size_t i) {
            v1::SearchCriteria c;
            c.set_texte(keywords[i]);
            return c;
          },
          v1::RESULT_TYPE_UNSPECIFIED);
      measure(
          "distance", dist,
          [&](size_t i) {
            v1::SearchCriteria c;
            v1::Proximity& p = *c.mutable_proximite();
            p.mutable_point()->set_latitude(centres[i].first);
            p.mutable_point()->set_longitude(centres[i].second);
            p.set_rayon_km(20);
            return c;
          },
          v1::RESULT_TYPE_OFFRE);
      std::fflush(stdout);
    }

    // ---- 3. FTS5 -------------------------------------------------------------------------
    if (!absl::GetFlag(FLAGS_skip_fts5)) {
      const std::string path = root + "/fts5.db";
      Sqlite sql;
      if (sqlite3_open(path.c_str(), &sql.db) != SQLITE_OK) {
        Die(absl::InternalError("cannot open"), path);
      }
      sql.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
      sql.Exec(
          "CREATE VIRTUAL TABLE t USING fts5(kind UNINDEXED, id UNINDEXED, body, "
          "tokenize = 'unicode61 remove_diacritics 2')");
      absl::Time start = absl::Now();
      sql.Exec("BEGIN");
      sqlite3_stmt* insert = sql.Prepare("INSERT INTO t(kind, id, body) VALUES (?, ?, ?)");
      auto add = [&](const char* kind, const std::string& id, const std::string& body) {
        sqlite3_bind_text(insert, 1, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, body.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(insert) != SQLITE_DONE)
          Die(absl::InternalError(sqlite3_errmsg(sql.db)), "insert");
        sqlite3_reset(insert);
      };
      std::vector<v1::EtablissementFiche> egs;
      egs.reserve(n_eg);
      for (int i = 0; i < n_eg; ++i) {
        egs.push_back(corpus.Etablissement(i));
        const v1::EtablissementFiche& f = egs.back();
        add("e", f.finess_eg(),
            absl::StrCat(f.raison_sociale_longue(), " ", f.raison_sociale(), " ",
                         f.complement_raison_sociale(), " ", f.adresse(), " ", f.commune(), " ",
                         f.libelle_categorie()));
      }
      for (int j = 0; j < n_offres; ++j) {
        const CorpusOffre o = corpus.Offre(j);
        const v1::OffreContent& c = o.content;
        std::string body = absl::StrCat(c.nom(), " ", labels.Of("J238", c.type_offre()), " ",
                                        labels.Of("J19", c.mode_prise_en_charge()), " ",
                                        labels.Of("J20", c.champ_activite()));
        for (const std::string& code : c.activites_operationnelles()) {
          absl::StrAppend(&body, " ", labels.Of("J17", code));
        }
        const v1::EtablissementFiche& eg = egs[o.etablissement];
        absl::StrAppend(&body, " ", eg.raison_sociale_longue(), " ", eg.commune());
        add("o", o.offre_id, body);
      }
      sqlite3_finalize(insert);
      sql.Exec("COMMIT");
      const double load_s = Seconds(absl::Now() - start);
      std::printf("\nFTS5: loaded %d rows in %.1f s (%.0f MB)\n", n_eg + n_offres, load_s,
                  std::filesystem::file_size(path) / 1e6);
      sqlite3_stmt* page =
          sql.Prepare("SELECT kind, id, body FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 21");
      sqlite3_stmt* count =
          sql.Prepare("SELECT kind, count(*) FROM t WHERE t MATCH ? GROUP BY kind");
      std::vector<std::string> matches;
      for (const std::string& q : keywords) matches.push_back(Fts5Query(q));
      auto run_page = [&](size_t i) -> int64_t {
        sqlite3_bind_text(page, 1, matches[i].c_str(), -1, SQLITE_STATIC);
        int64_t rows = 0;
        size_t bytes = 0;
        while (sqlite3_step(page) == SQLITE_ROW) {
          ++rows;
          bytes += static_cast<size_t>(sqlite3_column_bytes(page, 2));
        }
        sqlite3_reset(page);
        return rows + static_cast<int64_t>(bytes * 0);
      };
      auto run_count = [&](size_t i) -> int64_t {
        sqlite3_bind_text(count, 1, matches[i].c_str(), -1, SQLITE_STATIC);
        int64_t total = 0;
        while (sqlite3_step(count) == SQLITE_ROW) total += sqlite3_column_int64(count, 1);
        sqlite3_reset(count);
        return total;
      };
      Time(matches.size(), [&](size_t i) { return run_page(i) + run_count(i); });  // warm-up
      QueryResult both = Time(matches.size(), [&](size_t i) {
        run_page(i);
        return run_count(i);
      });
      QueryResult page_only = Time(matches.size(), run_page);
      sqlite3_finalize(page);
      sqlite3_finalize(count);
      const LatencySummary b = Summarize(both.ns), p = Summarize(page_only.ns);
      Row("FTS5 keyword, page of 21 + count per kind", both.ns.size(), b);
      std::printf("    (mean total %.0f, %lld with no result)\n", both.mean_total,
                  static_cast<long long>(both.empty));
      Row("FTS5 keyword, page of 21 only", page_only.ns.size(), p);
      std::printf("ratio ours/FTS5 keyword p50: %.2f (page+count), %.2f (page only)\n",
                  ours_p50 / b.p50_ms, ours_p50 / p.p50_ms);
      std::filesystem::remove(path);
      std::filesystem::remove(path + "-wal");
      std::filesystem::remove(path + "-shm");
    }
  }
  if (!absl::GetFlag(FLAGS_keep_direct)) std::filesystem::remove_all(root + "/direct");
  std::fflush(stdout);
  if (absl::GetFlag(FLAGS_skip_bus)) return 0;

  // ---- 4. Rebuild from the bus ---------------------------------------------------------------
  auto broker =
      Must(ror::bus::DevBroker::Start(
               {.host = "127.0.0.1",
                .port = 0,
                .brokers = 1,
                .topics = {{app::ReadModelTopics()[0], 32},
                           {app::ReadModelTopics()[1], absl::GetFlag(FLAGS_partitions)}}}),
           "devbroker");
  Producer producer(broker->bootstrap(), absl::GetFlag(FLAGS_linger_ms));
  absl::Time start = absl::Now();
  for (int64_t n = 0; n < corpus.events(); ++n) {
    producer.Send(corpus.Event(n));
    if (n % 1000 == 0) producer.Poll();
  }
  producer.Flush();
  const double produce_s = Seconds(absl::Now() - start);
  std::printf("\nbus: produced %lld records (%.0f MB with headers) in %.1f s\n",
              static_cast<long long>(corpus.events()), producer.bytes() / 1e6, produce_s);
  std::fflush(stdout);

  // As ror-search wires them: the indexer reads the subscriber's lag.
  std::unique_ptr<ror::bus::Subscriber> subscriber;
  app::IndexerOptions options;
  options.bus_backlog = [&subscriber]() -> std::optional<int64_t> {
    return app::BusBacklogOf(*subscriber)();
  };
  Stack stack(root + "/bus", builder, std::move(options));
  app::ReadModelProjection projection(ids);
  subscriber = std::make_unique<ror::bus::Subscriber>(
      ror::bus::SubscriberOptions{.name = "search",
                                  .bootstrap = broker->bootstrap(),
                                  .group_id = "search-bench",
                                  .topics = app::ReadModelTopics()},
      *stack.db, projection);
  start = absl::Now();
  subscriber->Start();
  stack.indexer->Start();
  absl::Time consumed_at = absl::InfinitePast();
  absl::Time last_progress = start;
  for (;;) {
    const ror::bus::SubscriberStats s = subscriber->Stats();
    const app::IndexerStats i = stack.indexer->Stats();
    if (consumed_at == absl::InfinitePast() &&
        s.applied + s.duplicates + s.gaps >= static_cast<uint64_t>(corpus.events()) && s.lag == 0) {
      consumed_at = absl::Now();
    }
    if (consumed_at != absl::InfinitePast() && i.last_change > 0 &&
        i.indexed_change == i.last_change &&
        Must(stack.model->LastChange(), "last") == i.last_change) {
      break;
    }
    if (absl::Now() - start > absl::Minutes(30)) {
      std::printf("bus rebuild: gave up after 30 min: applied %llu gaps %llu lag %lld\n",
                  static_cast<unsigned long long>(s.applied),
                  static_cast<unsigned long long>(s.gaps), static_cast<long long>(s.lag));
      subscriber->Stop();  // before the stack's rows it writes go
      return 1;
    }
    if (absl::GetFlag(FLAGS_progress) && absl::Now() - last_progress >= absl::Seconds(5)) {
      last_progress = absl::Now();
      std::printf(
          "  %.0f s: applied %llu, bus lag %lld, index %s, indexed change %llu of %llu\n",
          Seconds(last_progress - start), static_cast<unsigned long long>(s.applied),
          static_cast<long long>(s.lag),
          i.waiting_for_bus
              ? absl::StrCat("waits for the bus, offres up to change ", i.prefilled_change).c_str()
              : "builds",
          static_cast<unsigned long long>(i.indexed_change),
          static_cast<unsigned long long>(i.last_change));
      std::fflush(stdout);
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  const double bus_s = Seconds(absl::Now() - start);
  const ror::bus::SubscriberStats s = subscriber->Stats();
  std::printf(
      "rebuild (from the bus): %.1f s (everything consumed at %.1f s); applied %llu, "
      "gaps %llu, duplicates %llu, rebuilds of the index %llu; load %s\n",
      bus_s, Seconds(consumed_at - start), static_cast<unsigned long long>(s.applied),
      static_cast<unsigned long long>(s.gaps), static_cast<unsigned long long>(s.duplicates),
      static_cast<unsigned long long>(stack.indexer->Stats().rebuilds), Load().c_str());
  std::fflush(stdout);

  // ---- 5. Event-to-searchable lag -------------------------------------------------------------
  // A producer paces new offres (OffreCreated then DraftValidated, each named with a unique
  // token); a checker polls the index readers (the same pool SearchEngine reads) every 2 ms for
  // the offre's id term. The lag of an offre is from the produce() call of its DraftValidated to
  // the first poll that sees it; one offre in 50 is also looked up by its token through
  // SearchEngine::Search to check that « seen » means « found ».
  app::SearchEngine engine(*stack.index, codes, nullptr);
  Producer paced(broker->bootstrap(), kRelayLingerMs);
  struct Pending {
    std::string id_term;
    std::string token;
    absl::Time produced;
  };
  std::mutex mu;
  std::deque<Pending> pending;
  std::vector<int64_t> lags;
  int64_t verified = 0, verify_failed = 0;
  std::atomic<bool> producing{true};
  std::thread checker([&] {
    const ror::authz::Principal anonymous = ror::authz::Anonymous();
    for (;;) {
      std::vector<Pending> batch;
      {
        std::lock_guard lock(mu);
        batch.assign(pending.begin(), pending.end());
      }
      if (batch.empty() && !producing) break;
      std::vector<std::string> seen;
      const absl::Time now_before = absl::Now();
      Must(stack.index->Read([&](const Xapian::Database& db) -> absl::Status {
        for (const Pending& p : batch) {
          if (db.term_exists(p.id_term)) seen.push_back(p.id_term);
        }
        return absl::OkStatus();
      }),
           "check");
      if (!seen.empty()) {
        std::vector<Pending> found;
        {
          std::lock_guard lock(mu);
          for (auto it = pending.begin(); it != pending.end();) {
            if (std::find(seen.begin(), seen.end(), it->id_term) != seen.end()) {
              lags.push_back(absl::ToInt64Nanoseconds(now_before - it->produced));
              found.push_back(*it);
              it = pending.erase(it);
            } else {
              ++it;
            }
          }
        }
        for (const Pending& p : found) {
          if (std::hash<std::string>()(p.token) % 50 != 0) continue;
          v1::SearchRequest request;
          request.mutable_criteria()->set_texte(p.token);
          const v1::SearchResponse r = Must(engine.Search(anonymous, request), "verify");
          ++verified;
          if (r.totals().offres() != 1) ++verify_failed;
        }
      }
      absl::SleepFor(absl::Milliseconds(2));
      if (!producing && absl::Now() - start > absl::Seconds(absl::GetFlag(FLAGS_lag_seconds) + 30))
        break;
    }
  });
  const int rate = absl::GetFlag(FLAGS_lag_rate);
  const int64_t offres_to_send = static_cast<int64_t>(rate) / 2 * absl::GetFlag(FLAGS_lag_seconds);
  start = absl::Now();
  const double load_before = [] {
    double l[3];
    return getloadavg(l, 3) > 0 ? l[0] : 0;
  }();
  for (int64_t k = 0; k < offres_to_send; ++k) {
    const absl::Time due = start + absl::Seconds(2.0 * static_cast<double>(k) / rate);
    const absl::Time now = absl::Now();
    if (due > now) absl::SleepFor(due - now);
    // A unique word: "zq" and k in base 26.
    std::string token = "zq";
    for (int64_t v = k, d = 0; d < 5; ++d, v /= 26) token += static_cast<char>('a' + v % 26);
    const CorpusOffre o = corpus.ExtraOffre(n_offres + k, token);
    auto [created, validated] = corpus.OffreEvents(o);
    paced.Send(created);
    {
      std::lock_guard lock(mu);
      pending.push_back(
          {app::schema::IdTerm(app::schema::OffreKey(o.offre_id)), token, absl::Now()});
    }
    paced.Send(validated);
    paced.Poll();
  }
  const double send_s = Seconds(absl::Now() - start);
  paced.Flush();
  producing = false;
  checker.join();
  int64_t missing = 0;
  {
    std::lock_guard lock(mu);
    missing = static_cast<int64_t>(pending.size());
  }
  const LatencySummary l = Summarize(lags);
  std::printf(
      "\nlag at %d events/s (%lld offres created+validated in %.1f s; load before %.2f, "
      "after %s):\n",
      rate, static_cast<long long>(offres_to_send), send_s, load_before, Load().c_str());
  Row("DraftValidated produced → searchable", lags.size(), l);
  std::printf("    (%lld never seen; %lld checked through Search by token, %lld not found)\n",
              static_cast<long long>(missing), static_cast<long long>(verified),
              static_cast<long long>(verify_failed));
  stack.indexer->Stop();
  subscriber->Stop();
  return 0;
}
