// Load driver for RocksDbEventStore::Append: N appender threads, each appending batches of
// --batch_size events to its own streams (round-robin over --streams_per_thread streams, with the
// exact expected version), for --warmup then --duration. Prints one JSON line on stdout:
// events/s over the measured window and the latency of one Append (p50/p90/p99/p99.9/max).
//
//   append_bench --threads=32 --duration=10s --sync=true --batch_size=1 [--dir=/path]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench/bench_util.h"
#include "libs/common/clock.h"
#include "libs/eventstore/rocksdb_event_store.h"

ABSL_FLAG(int, threads, 32, "concurrent appender threads");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "measured window");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "run before the measured window, not counted");
ABSL_FLAG(bool, sync, true, "sync the WAL before each acknowledgement (RocksDbOptions::sync)");
ABSL_FLAG(int, batch_size, 1, "events per Append");
ABSL_FLAG(int, streams_per_thread, 100, "streams each thread appends to, round-robin");
ABSL_FLAG(int, payload_bytes, 100, "bytes of payload per event");
ABSL_FLAG(int64_t, max_pending, 4096, "RocksDbOptions::max_pending");
ABSL_FLAG(std::string, dir, "",
          "data directory (created, kept); default: a fresh directory under $TMPDIR or /tmp, "
          "removed at exit");

namespace ror::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Options {
  int threads = 32;
  absl::Duration duration = absl::Seconds(10);
  absl::Duration warmup = absl::Seconds(2);
  bool sync = true;
  int batch_size = 1;
  int streams_per_thread = 100;
  int payload_bytes = 100;
  size_t max_pending = 4096;
  std::string dir;
};

struct WorkerResult {
  int64_t appends = 0;  // completed inside the measured window
  int64_t events = 0;
  int64_t errors = 0;
  std::string first_error;
  std::vector<int64_t> latencies_ns;
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(SteadyClock::now().time_since_epoch())
      .count();
}

void Appender(eventstore::EventStore& store, const Options& options, const std::string& run,
              int thread, int64_t window_start_ns, int64_t window_end_ns, WorkerResult& out) {
  std::mt19937_64 rng(static_cast<uint64_t>(thread) * 7919 + 1);
  std::string payload(static_cast<size_t>(options.payload_bytes), '\0');
  for (char& c : payload) c = static_cast<char>('a' + rng() % 26);
  std::vector<std::string> streams;
  std::vector<int64_t> versions(static_cast<size_t>(options.streams_per_thread), 0);
  for (int s = 0; s < options.streams_per_thread; ++s) {
    streams.push_back(absl::StrCat("bench-", run, "t", thread, "s", s));
  }
  out.latencies_ns.reserve(1 << 16);
  for (int64_t i = 0;; ++i) {
    const int64_t start = NowNs();
    if (start >= window_end_ns) break;
    const size_t s = static_cast<size_t>(i % options.streams_per_thread);
    std::vector<v1::EventEnvelope> events(static_cast<size_t>(options.batch_size));
    for (auto& e : events) {
      e.set_event_type("BenchAppended");
      e.set_payload(payload);
    }
    absl::StatusOr<eventstore::AppendResult> r = store.Append(
        streams[s], versions[s], std::move(events), absl::StrCat(run, "-", thread, "-", i));
    const int64_t end = NowNs();
    if (!r.ok()) {
      if (out.errors++ == 0) out.first_error = r.status().ToString();
      // Resynchronise with the store so that one failure does not make every later one fail.
      if (auto v = store.StreamVersion(streams[s]); v.ok()) versions[s] = *v;
      continue;
    }
    versions[s] = r->last_version;
    if (end >= window_start_ns && end <= window_end_ns) {
      ++out.appends;
      out.events += options.batch_size;
      out.latencies_ns.push_back(end - start);
    }
  }
}

int Run(const Options& options) {
  absl::StatusOr<ScratchDir> dir = ScratchDir::Make(options.dir, "ror-append-bench");
  if (!dir.ok()) {
    std::fprintf(stderr, "%s\n", dir.status().ToString().c_str());
    return 1;
  }
  SystemClock clock;
  absl::StatusOr<std::unique_ptr<eventstore::RocksDbEventStore>> store =
      eventstore::RocksDbEventStore::Open(
          {.path = dir->path() + "/store", .sync = options.sync, .max_pending = options.max_pending},
          clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  // A run id keeps the streams and request ids of this run apart from those of an earlier run
  // in the same --dir.
  const std::string run = absl::StrCat(absl::ToUnixMillis(absl::Now()) % 1'000'000'000);
  const uint64_t head_before = (*store)->HeadPosition();

  const int64_t window_start = NowNs() + absl::ToInt64Nanoseconds(options.warmup);
  const int64_t window_end = window_start + absl::ToInt64Nanoseconds(options.duration);
  std::vector<WorkerResult> results(static_cast<size_t>(options.threads));
  std::vector<std::thread> workers;
  for (int t = 0; t < options.threads; ++t) {
    workers.emplace_back([&, t] {
      Appender(**store, options, run, t, window_start, window_end, results[static_cast<size_t>(t)]);
    });
  }
  // The process's CPU time over the measured window: on a shared machine, CPU per event is
  // steadier than events/s.
  auto sleep_until_ns = [](int64_t t) {
    std::this_thread::sleep_until(SteadyClock::time_point(std::chrono::nanoseconds(t)));
  };
  sleep_until_ns(window_start);
  const double cpu_start = ProcessCpuSeconds();
  sleep_until_ns(window_end);
  const double cpu_seconds = ProcessCpuSeconds() - cpu_start;
  for (auto& w : workers) w.join();

  WorkerResult total;
  for (auto& r : results) {
    total.appends += r.appends;
    total.events += r.events;
    total.errors += r.errors;
    if (total.first_error.empty()) total.first_error = r.first_error;
    total.latencies_ns.insert(total.latencies_ns.end(), r.latencies_ns.begin(),
                              r.latencies_ns.end());
  }
  // Size of one stored envelope, so that db_bench can be run with the same value size.
  int64_t envelope_bytes = 0;
  if (auto first = (*store)->ReadAll(head_before + 1, 1); first.ok() && !first->empty()) {
    envelope_bytes = static_cast<int64_t>(first->front().ByteSizeLong());
  }
  const double seconds = absl::ToDoubleSeconds(options.duration);
  const LatencySummary latency = Summarize(total.latencies_ns);
  JsonLine line;
  line.Add("bench", "append")
      .Add("threads", static_cast<int64_t>(options.threads))
      .Add("sync", options.sync)
      .Add("batch_size", static_cast<int64_t>(options.batch_size))
      .Add("payload_bytes", static_cast<int64_t>(options.payload_bytes))
      .Add("envelope_bytes", envelope_bytes)
      .Add("seconds", seconds)
      .Add("appends", total.appends)
      .Add("events", total.events)
      .Add("errors", total.errors)
      .Add("appends_per_s", static_cast<double>(total.appends) / seconds)
      .Add("events_per_s", static_cast<double>(total.events) / seconds)
      // RocksDB keys written: (global, events) per event, (heads, dedup) per append.
      .Add("keys_per_s", static_cast<double>(2 * total.events + 2 * total.appends) / seconds)
      .Add("cpu_seconds", cpu_seconds)
      .Add("cpu_us_per_event",
           total.events > 0 ? cpu_seconds * 1e6 / static_cast<double>(total.events) : 0.0)
      .Add("", latency);
  std::printf("%s\n", line.Done().c_str());
  if (!total.first_error.empty()) std::fprintf(stderr, "first error: %s\n", total.first_error.c_str());
  return total.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace ror::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  ror::bench::Options options;
  options.threads = absl::GetFlag(FLAGS_threads);
  options.duration = absl::GetFlag(FLAGS_duration);
  options.warmup = absl::GetFlag(FLAGS_warmup);
  options.sync = absl::GetFlag(FLAGS_sync);
  options.batch_size = absl::GetFlag(FLAGS_batch_size);
  options.streams_per_thread = absl::GetFlag(FLAGS_streams_per_thread);
  options.payload_bytes = absl::GetFlag(FLAGS_payload_bytes);
  options.dir = absl::GetFlag(FLAGS_dir);
  const int64_t max_pending = absl::GetFlag(FLAGS_max_pending);
  if (options.threads < 1 || options.batch_size < 1 || options.streams_per_thread < 1 ||
      options.payload_bytes < 0 || max_pending < 1 || options.duration <= absl::ZeroDuration() ||
      options.warmup < absl::ZeroDuration()) {
    std::fprintf(stderr,
                 "threads, batch_size, streams_per_thread, max_pending and duration must be "
                 "positive; payload_bytes and warmup must not be negative\n");
    return 2;
  }
  options.max_pending = static_cast<size_t>(max_pending);
  return ror::bench::Run(options);
}
