// The two processes of the relay test, killed and restarted by it:
//   bus_test_node relay DIR BOOTSTRAP TOTAL THREADS   appends until the store holds TOTAL events,
//                                                     relaying them; prints its progress
//   bus_test_node project DIR BOOTSTRAP GROUP         projects ror.test.events.v1 into DIR
// Both stop cleanly on SIGTERM.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/bus/relay.h"
#include "libs/bus/subscriber.h"
#include "libs/common/clock.h"
#include "libs/common/log.h"
#include "libs/eventstore/rocksdb_event_store.h"

namespace {

volatile std::sig_atomic_t stop_requested = 0;
void OnSignal(int) { stop_requested = 1; }

void Say(const std::string& line) {
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

int RunRelay(const std::string& dir, const std::string& bootstrap, uint64_t total, int threads) {
  ror::SystemClock clock;
  auto store = ror::eventstore::RocksDbEventStore::Open({.path = dir}, clock);
  if (!store.ok()) {
    Say(absl::StrCat("error ", store.status().ToString()));
    return 1;
  }
  ror::bus::Relay relay({.service = "test", .bootstrap = bootstrap}, **store);
  relay.Start();
  std::vector<std::thread> appenders;
  for (int t = 0; t < threads; ++t) {
    appenders.emplace_back([&, t] {
      std::mt19937 rng(std::random_device{}());
      for (int n = 0; !stop_requested && (*store)->HeadPosition() < total; ++n) {
        const std::string stream = absl::StrCat("test-", t, "-", rng() % 10);
        std::vector<ror::v1::EventEnvelope> events(1 + rng() % 3);
        for (auto& e : events) {
          e.set_event_type("TestHappened");
          e.set_schema_version(1);
          e.set_payload(absl::StrCat("payload of ", stream));
        }
        auto r = (*store)->Append(stream, ror::eventstore::kAnyVersion, std::move(events),
                                  absl::StrCat("req-", getpid(), "-", t, "-", n));
        if (!r.ok()) Say(absl::StrCat("error ", r.status().ToString()));
        // Paced, so that appends are still going on when the test takes the broker down.
        absl::SleepFor(absl::Milliseconds(10));
      }
    });
  }
  bool announced = false;
  while (!stop_requested) {
    const ror::bus::RelayStats s = relay.Stats();
    Say(absl::StrCat("relay head=", s.head, " checkpoint=", s.checkpoint,
                     " connected=", s.connected, " republished=", s.republished));
    if (!announced && s.head >= total && s.checkpoint == s.head) {
      Say(absl::StrCat("relayed ", s.head));
      announced = true;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  for (auto& a : appenders) a.join();
  relay.Stop();
  return 0;
}

// Keeps, per stream, the event id of each version and how many events were applied: the test
// checks both against the store.
class TestProjection final : public ror::bus::Projection {
 public:
  absl::Status Apply(const ror::v1::EventEnvelope& event,
                     ror::bus::ProjectionWrite& write) override {
    write.Put("rows", absl::StrCat(event.stream_id(), "/", event.stream_version()),
              event.event_id());
    absl::StatusOr<std::optional<std::string>> count = write.Get("counts", event.stream_id());
    if (!count.ok()) return count.status();
    int64_t n = 0;
    if (count->has_value() && !absl::SimpleAtoi(**count, &n)) {
      return absl::DataLossError("counts: not a number");
    }
    write.Put("counts", event.stream_id(), absl::StrCat(n + 1));
    return absl::OkStatus();
  }
};

int RunProject(const std::string& dir, const std::string& bootstrap, const std::string& group) {
  auto db = ror::bus::ProjectionDb::Open({.path = dir, .column_families = {"rows", "counts"}});
  if (!db.ok()) {
    Say(absl::StrCat("error ", db.status().ToString()));
    return 1;
  }
  TestProjection projection;
  ror::bus::Subscriber subscriber(
      {.name = "test", .bootstrap = bootstrap, .group_id = group, .topics = {"ror.test.events.v1"}},
      **db, projection);
  subscriber.Start();
  while (!stop_requested) {
    int64_t total = 0;
    (*db)
        ->Scan("counts", "",
               [&](absl::string_view, absl::string_view value) {
                 int64_t n = 0;
                 if (absl::SimpleAtoi(value, &n)) total += n;
                 return true;
               })
        .IgnoreError();
    const ror::bus::SubscriberStats s = subscriber.Stats();
    Say(absl::StrCat("projection total=", total, " applied=", s.applied, " duplicates=",
                     s.duplicates, " gaps=", s.gaps, " rebuilds=", s.rebuilds, " lag=", s.lag));
    absl::SleepFor(absl::Milliseconds(100));
  }
  subscriber.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ror::log::Init("bus_test_node");
  std::signal(SIGTERM, OnSignal);
  std::signal(SIGINT, OnSignal);
  const std::vector<std::string> args(argv + 1, argv + argc);
  uint64_t total = 0;
  int threads = 0;
  if (args.size() == 5 && args[0] == "relay" && absl::SimpleAtoi(args[3], &total) &&
      absl::SimpleAtoi(args[4], &threads)) {
    return RunRelay(args[1], args[2], total, threads);
  }
  if (args.size() == 4 && args[0] == "project") return RunProject(args[1], args[2], args[3]);
  std::fputs(
      "usage: bus_test_node relay DIR BOOTSTRAP TOTAL THREADS | project DIR BOOTSTRAP GROUP\n",
      stderr);
  return 2;
}
