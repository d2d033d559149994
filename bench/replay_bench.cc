// Replay benchmark for RocksDbEventStore::ReadAll: fills a store with --events events (unsynced
// appends of --fill_batch events from --fill_threads threads), optionally reopens it so that
// the events are read from SST files rather than the memtable, then reads the whole global log
// --passes times with ReadAll in pages of --page_size, checking that positions have no gap.
// Prints one JSON line per pass on stdout: events/s and the latency of one page.
//
//   replay_bench --events=1000000 --page_size=1000 --passes=3 [--reopen=true] [--dir=/path]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "bench/bench_util.h"
#include "libs/common/clock.h"
#include "libs/eventstore/rocksdb_event_store.h"

ABSL_FLAG(int64_t, events, 1'000'000, "events to fill the store with");
ABSL_FLAG(int64_t, page_size, 1000, "max_count of each ReadAll call");
ABSL_FLAG(int, passes, 3, "full reads of the global log");
ABSL_FLAG(bool, reopen, true, "close and reopen the store between fill and replay");
ABSL_FLAG(int, fill_threads, 4, "appender threads while filling");
ABSL_FLAG(int, fill_batch, 100, "events per Append while filling");
ABSL_FLAG(int, streams, 1000, "streams the events are spread over");
ABSL_FLAG(int, payload_bytes, 100, "bytes of payload per event");
ABSL_FLAG(std::string, dir, "",
          "data directory (created, kept); default: a fresh directory under $TMPDIR or /tmp, "
          "removed at exit");

namespace ror::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Options {
  int64_t events = 1'000'000;
  size_t page_size = 1000;
  int passes = 3;
  bool reopen = true;
  int fill_threads = 4;
  int fill_batch = 100;
  int streams = 1000;
  int payload_bytes = 100;
  std::string dir;
};

absl::StatusOr<std::unique_ptr<eventstore::RocksDbEventStore>> OpenStore(const std::string& path,
                                                                          const Clock& clock) {
  return eventstore::RocksDbEventStore::Open({.path = path, .sync = false}, clock);
}

// Appends `options.events` events; the store's own head tells how many are in.
absl::Status Fill(eventstore::EventStore& store, const Options& options) {
  std::atomic<int64_t> next_batch{0};
  const int64_t batches = (options.events + options.fill_batch - 1) / options.fill_batch;
  std::vector<absl::Status> statuses(static_cast<size_t>(options.fill_threads));
  std::vector<std::thread> workers;
  const std::string payload(static_cast<size_t>(options.payload_bytes), 'p');
  for (int t = 0; t < options.fill_threads; ++t) {
    workers.emplace_back([&, t] {
      for (int64_t b = next_batch++; b < batches; b = next_batch++) {
        const int64_t count =
            std::min<int64_t>(options.fill_batch, options.events - b * options.fill_batch);
        std::vector<v1::EventEnvelope> events(static_cast<size_t>(count));
        for (auto& e : events) {
          e.set_event_type("BenchAppended");
          e.set_payload(payload);
        }
        auto r = store.Append(absl::StrCat("bench-replay", b % options.streams),
                              eventstore::kAnyVersion, std::move(events),
                              absl::StrCat("fill-", b));
        if (!r.ok()) {
          statuses[static_cast<size_t>(t)] = r.status();
          return;
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  for (auto& s : statuses) {
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

int Run(const Options& options) {
  absl::StatusOr<ScratchDir> dir = ScratchDir::Make(options.dir, "ror-replay-bench");
  if (!dir.ok()) {
    std::fprintf(stderr, "%s\n", dir.status().ToString().c_str());
    return 1;
  }
  const std::string path = dir->path() + "/store";
  SystemClock clock;
  auto store = OpenStore(path, clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  const auto fill_start = SteadyClock::now();
  if ((*store)->HeadPosition() == 0) {
    if (absl::Status s = Fill(**store, options); !s.ok()) {
      std::fprintf(stderr, "fill: %s\n", s.ToString().c_str());
      return 1;
    }
  }
  const double fill_seconds =
      std::chrono::duration<double>(SteadyClock::now() - fill_start).count();
  if (options.reopen) {
    store->reset();
    store = OpenStore(path, clock);
    if (!store.ok()) {
      std::fprintf(stderr, "reopen: %s\n", store.status().ToString().c_str());
      return 1;
    }
  }
  const uint64_t head = (*store)->HeadPosition();

  int failures = 0;
  for (int pass = 1; pass <= options.passes; ++pass) {
    std::vector<int64_t> page_ns;
    page_ns.reserve(head / options.page_size + 1);
    uint64_t position = 1;
    int64_t events = 0;
    int64_t bytes = 0;
    std::string error;
    const auto start = SteadyClock::now();
    const double cpu_start = ProcessCpuSeconds();
    while (position <= head) {
      const auto page_start = SteadyClock::now();
      absl::StatusOr<std::vector<v1::EventEnvelope>> page =
          (*store)->ReadAll(position, options.page_size);
      page_ns.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(
                            SteadyClock::now() - page_start)
                            .count());
      if (!page.ok()) {
        error = page.status().ToString();
        break;
      }
      if (page->empty()) {
        error = absl::StrCat("empty page at position ", position, " below head ", head);
        break;
      }
      for (const auto& e : *page) {
        if (e.global_position() != position) {
          error = absl::StrCat("expected position ", position, ", got ", e.global_position());
          break;
        }
        bytes += static_cast<int64_t>(e.payload().size());
        ++position;
        ++events;
      }
      if (!error.empty()) break;
    }
    const double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    const double cpu_seconds = ProcessCpuSeconds() - cpu_start;
    const LatencySummary latency = Summarize(page_ns);
    JsonLine line;
    line.Add("bench", "replay")
        .Add("pass", static_cast<int64_t>(pass))
        .Add("reopened", options.reopen)
        .Add("page_size", static_cast<int64_t>(options.page_size))
        .Add("head", static_cast<int64_t>(head))
        .Add("fill_seconds", fill_seconds)
        .Add("events", events)
        .Add("payload_bytes_read", bytes)
        .Add("seconds", seconds)
        .Add("events_per_s", static_cast<double>(events) / seconds)
        .Add("cpu_seconds", cpu_seconds)
        .Add("cpu_us_per_event",
             events > 0 ? cpu_seconds * 1e6 / static_cast<double>(events) : 0.0)
        .Add("page_", latency)
        .Add("ok", error.empty());
    std::printf("%s\n", line.Done().c_str());
    std::fflush(stdout);
    if (!error.empty()) {
      std::fprintf(stderr, "pass %d: %s\n", pass, error.c_str());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace ror::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  ror::bench::Options options;
  options.events = absl::GetFlag(FLAGS_events);
  const int64_t page_size = absl::GetFlag(FLAGS_page_size);
  options.passes = absl::GetFlag(FLAGS_passes);
  options.reopen = absl::GetFlag(FLAGS_reopen);
  options.fill_threads = absl::GetFlag(FLAGS_fill_threads);
  options.fill_batch = absl::GetFlag(FLAGS_fill_batch);
  options.streams = absl::GetFlag(FLAGS_streams);
  options.payload_bytes = absl::GetFlag(FLAGS_payload_bytes);
  options.dir = absl::GetFlag(FLAGS_dir);
  if (options.events < 1 || page_size < 1 || options.passes < 1 || options.fill_threads < 1 ||
      options.fill_batch < 1 || options.streams < 1 || options.payload_bytes < 0) {
    std::fprintf(stderr,
                 "events, page_size, passes, fill_threads, fill_batch and streams must be "
                 "positive; payload_bytes must not be negative\n");
    return 2;
  }
  options.page_size = static_cast<size_t>(page_size);
  return ror::bench::Run(options);
}
