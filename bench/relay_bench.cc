// Relay and subscriber throughput against the devbroker (librdkafka's mock cluster) on loopback.
//   relay_bench --events 500000 --streams 1000 --payload 200 [--dir /tmp/x]
// Fills a store (without sync: the store is not what is measured), then times the relay
// publishing everything until the last delivery report, then a subscriber projecting it all.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "libs/bus/devbroker.h"
#include "libs/bus/relay.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/log.h"
#include "libs/eventstore/rocksdb_event_store.h"

ABSL_FLAG(int64_t, events, 500000, "events to relay");
ABSL_FLAG(int, streams, 1000, "streams the events are spread over");
ABSL_FLAG(int, payload, 200, "payload bytes per event");
ABSL_FLAG(int, partitions, 64,
          "partitions of the topic (the mock broker keeps about 5 MB per partition)");
ABSL_FLAG(std::string, dir, "",
          "work directory (created, kept, must not hold an earlier run); default: a fresh "
          "directory under $TMPDIR or /tmp, removed at exit");

namespace {

class CountingProjection final : public ror::bus::Projection {
 public:
  absl::Status Apply(const ror::v1::EventEnvelope& event,
                     ror::bus::ProjectionWrite& write) override {
    write.Put("rows", event.stream_id(), event.event_id());
    return absl::OkStatus();
  }
};

int Fail(const absl::Status& s) {
  std::fprintf(stderr, "relay_bench: %s\n", s.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  ror::log::Init("relay_bench", "error");
  const int64_t total = absl::GetFlag(FLAGS_events);
  const int streams = absl::GetFlag(FLAGS_streams);
  absl::StatusOr<ror::bench::ScratchDir> dir =
      ror::bench::ScratchDir::Make(absl::GetFlag(FLAGS_dir), "ror-relay-bench");
  if (!dir.ok()) return Fail(dir.status());
  // The relay resumes from the store's checkpoint and the subscriber from the projection's
  // offsets: what an earlier run left in a kept --dir would falsify the figures.
  for (const char* sub : {"/store", "/projection"}) {
    if (std::filesystem::exists(dir->path() + sub)) {
      return Fail(absl::FailedPreconditionError(absl::StrCat(
          "dir: ", dir->path(), sub, " is left from an earlier run; give an empty directory")));
    }
  }

  ror::SystemClock clock;
  auto store = ror::eventstore::RocksDbEventStore::Open(
      {.path = dir->path() + "/store", .sync = false}, clock);
  if (!store.ok()) return Fail(store.status());
  const std::string payload(absl::GetFlag(FLAGS_payload), 'x');
  constexpr int kBatch = 100;
  for (int64_t n = 0; n < total; n += kBatch) {
    std::vector<ror::v1::EventEnvelope> events(std::min<int64_t>(kBatch, total - n));
    for (auto& e : events) {
      e.set_event_type("BenchHappened");
      e.set_payload(payload);
    }
    auto r =
        (*store)->Append(absl::StrCat("bench-", (n / kBatch) % streams),
                         ror::eventstore::kAnyVersion, std::move(events), absl::StrCat("r", n));
    if (!r.ok()) return Fail(r.status());
  }

  auto broker = ror::bus::DevBroker::Start(
      {.port = 0, .topics = {{"ror.bench.events.v1", absl::GetFlag(FLAGS_partitions)}}});
  if (!broker.ok()) return Fail(broker.status());

  ror::bus::Relay relay({.service = "bench", .bootstrap = (*broker)->bootstrap()}, **store);
  absl::Time start = absl::Now();
  relay.Start();
  while (relay.Stats().checkpoint < static_cast<uint64_t>(total))
    absl::SleepFor(absl::Milliseconds(5));
  const absl::Duration relay_time = absl::Now() - start;
  relay.Stop();

  auto db = ror::bus::ProjectionDb::Open(
      {.path = dir->path() + "/projection", .column_families = {"rows"}});
  if (!db.ok()) return Fail(db.status());
  CountingProjection projection;
  ror::bus::Subscriber subscriber({.name = "bench",
                                   .bootstrap = (*broker)->bootstrap(),
                                   .group_id = "bench",
                                   .topics = {"ror.bench.events.v1"}},
                                  **db, projection);
  start = absl::Now();
  subscriber.Start();
  while (subscriber.Stats().applied < static_cast<uint64_t>(total)) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  const absl::Duration project_time = absl::Now() - start;
  subscriber.Stop();

  std::printf("relay: %lld events in %.2f s = %.0f events/s\n", static_cast<long long>(total),
              absl::ToDoubleSeconds(relay_time), total / absl::ToDoubleSeconds(relay_time));
  std::printf("subscriber: %lld events in %.2f s = %.0f events/s (includes group join)\n",
              static_cast<long long>(total), absl::ToDoubleSeconds(project_time),
              total / absl::ToDoubleSeconds(project_time));
  return 0;
}
