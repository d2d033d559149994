// The relay and the subscriber against the devbroker, in real processes killed with SIGKILL:
// a broker outage during appends, kills and restarts of both sides, then a brand-new broker.
// Nothing may be lost, reordered within a stream, or applied twice.
#include <map>
#include <random>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "librdkafka/rdkafkacpp.h"
#include "libs/bus/devbroker.h"
#include "libs/bus/projection_db.h"
#include "libs/common/clock.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/child_process.h"
#include "libs/testing/temp_dir.h"

namespace ror::bus {
namespace {

using testing::ChildProcess;

// Events appended per outage-and-kill cycle (the relay node paces its appends at ~1,600/s).
constexpr uint64_t kEventsPerCycle = 8000;
constexpr char kTopic[] = "ror.test.events.v1";
// Enough partitions that the mock broker (about 5 MB kept per partition) trims nothing.
constexpr int kPartitions = 16;

// "projection total=12 applied=…" -> the value of `key`.
int64_t Field(const std::string& line, absl::string_view key) {
  for (absl::string_view part : absl::StrSplit(line, ' ')) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(part, '=');
    int64_t v = 0;
    if (kv.first == key && absl::SimpleAtoi(kv.second, &v)) return v;
  }
  return -1;
}

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The soak run (label soak) repeats the outage and the kills.
    if (const char* c = std::getenv("ROR_RELAY_CYCLES"); c != nullptr) {
      ASSERT_TRUE(absl::SimpleAtoi(c, &cycles_) && cycles_ > 0) << "ROR_RELAY_CYCLES=" << c;
    }
    ASSERT_OK_AND_ASSIGN(broker_, DevBroker::Start({.port = 0, .topics = {{kTopic, kPartitions}}}));
    port_ = broker_->port();
  }

  std::unique_ptr<ChildProcess> StartRelay() {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{ROR_BUS_TEST_NODE, "relay", (dir_.path() / "store").string(),
                                 broker_->bootstrap(), absl::StrCat(kEventsPerCycle * cycles_),
                                 "8"},
        (dir_.path() / "relay.log").string());
  }

  std::unique_ptr<ChildProcess> StartProjector() {
    return std::make_unique<ChildProcess>(
        std::vector<std::string>{ROR_BUS_TEST_NODE, "project",
                                 (dir_.path() / "projection").string(), broker_->bootstrap(),
                                 "relay-test"},
        (dir_.path() / "projector.log").string());
  }

  // Waits until the projection holds every event of the store once.
  void WaitForProjection(ChildProcess& projector, int64_t total, int64_t min_rebuilds) {
    const std::string line = projector.WaitForLine(
        [&](const std::string& l) {
          return Field(l, "total") == total && Field(l, "rebuilds") >= min_rebuilds;
        },
        absl::Seconds(90));
    ASSERT_FALSE(line.empty()) << "projection incomplete, last: " << projector.LastLine()
                               << " (logs in " << dir_.path() << ")";
  }

  // Store and projection agree: every (stream, version) of the store is in the projection with
  // the same event id, and each stream was applied exactly as many times as it has events.
  void ExpectProjectionMatchesStore() {
    SystemClock clock;
    ASSERT_OK_AND_ASSIGN(auto store, eventstore::RocksDbEventStore::Open(
                                         {.path = (dir_.path() / "store").string()}, clock));
    ASSERT_OK_AND_ASSIGN(auto db, ProjectionDb::Open({.path = (dir_.path() / "projection").string(),
                                                      .column_families = {"rows", "counts"}}));
    ASSERT_OK_AND_ASSIGN(auto events, store->ReadAll(1, SIZE_MAX));
    ASSERT_GE(events.size(), kEventsPerCycle * cycles_);
    std::map<std::string, int64_t> versions;
    for (const auto& e : events) {
      versions[e.stream_id()] = e.stream_version();
      ASSERT_OK_AND_ASSIGN(auto row,
                           db->Get("rows", absl::StrCat(e.stream_id(), "/", e.stream_version())));
      ASSERT_TRUE(row.has_value()) << e.stream_id() << " v" << e.stream_version() << " missing";
      EXPECT_EQ(*row, e.event_id());
    }
    for (const auto& [stream, version] : versions) {
      ASSERT_OK_AND_ASSIGN(auto count, db->Get("counts", stream));
      ASSERT_TRUE(count.has_value()) << stream;
      EXPECT_EQ(*count, absl::StrCat(version)) << stream << " applied a wrong number of times";
    }
  }

  // Reads the whole topic: within each stream, versions first appear in order 1, 2, 3, …
  // (a record may come again after a redelivery, never ahead of its turn), and all `total` events
  // of the store are there.
  void ExpectTopicInStreamOrder(int64_t total) {
    std::string error;
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    conf->set("bootstrap.servers", broker_->bootstrap(), error);
    conf->set("group.id", "order-check", error);
    conf->set("enable.partition.eof", "true", error);
    std::unique_ptr<RdKafka::KafkaConsumer> consumer(
        RdKafka::KafkaConsumer::create(conf.get(), error));
    ASSERT_NE(consumer, nullptr) << error;
    std::vector<RdKafka::TopicPartition*> partitions;
    for (int p = 0; p < kPartitions; ++p) {
      partitions.push_back(
          RdKafka::TopicPartition::create(kTopic, p, RdKafka::Topic::OFFSET_BEGINNING));
    }
    ASSERT_EQ(consumer->assign(partitions), RdKafka::ERR_NO_ERROR);
    RdKafka::TopicPartition::destroy(partitions);
    std::map<std::string, int64_t> highest;
    std::set<std::string> distinct;
    int at_end = 0;
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (at_end < kPartitions && absl::Now() < deadline) {
      std::unique_ptr<RdKafka::Message> m(consumer->consume(500));
      if (m->err() == RdKafka::ERR__PARTITION_EOF) {
        ++at_end;
        continue;
      }
      if (m->err() != RdKafka::ERR_NO_ERROR) continue;
      const std::string stream(static_cast<const char*>(m->key_pointer()), m->key_len());
      int64_t version = 0;
      ASSERT_NE(m->headers(), nullptr) << stream << ": record without headers";
      for (const auto& h : m->headers()->get_all()) {
        if (h.key() == "ce_streamversion") {
          ASSERT_TRUE(absl::SimpleAtoi(
              absl::string_view(static_cast<const char*>(h.value()), h.value_size()), &version));
        }
      }
      ASSERT_GT(version, 0) << stream << ": record without ce_streamversion";
      int64_t& top = highest[stream];
      if (version > top) {
        ASSERT_EQ(version, top + 1) << stream << " skipped a version on the topic";
        top = version;
      }
      distinct.insert(absl::StrCat(stream, "/", version));
    }
    EXPECT_EQ(at_end, kPartitions) << "topic not read to its end";
    EXPECT_GE(distinct.size(), static_cast<size_t>(total));
    consumer->close();
  }

  // Both processes stop on SIGTERM with status 0; then the store and the projection are read from
  // their files.
  void StopCleanlyAndCheckFiles(ChildProcess& relay, ChildProcess& projector) {
    relay.Signal(SIGTERM);
    EXPECT_EQ(relay.Wait(), 0);
    projector.Signal(SIGTERM);
    EXPECT_EQ(projector.Wait(), 0);
    ExpectProjectionMatchesStore();
  }

  testing::TempDir dir_;
  std::unique_ptr<DevBroker> broker_;
  int port_ = 0;
  int cycles_ = 1;
};

TEST_F(RelayTest, OutageKillsAndNewBrokerLoseNothing) {
  std::mt19937 rng(std::random_device{}());
  auto relay = StartRelay();
  auto projector = StartProjector();
  for (int cycle = 0; cycle < cycles_; ++cycle) {
    SCOPED_TRACE(absl::StrCat("cycle ", cycle));
    ASSERT_FALSE(relay
                     ->WaitForLine(
                         [&](const std::string& l) {
                           return Field(l, "connected") == 1 && Field(l, "checkpoint") > 0;
                         },
                         absl::Seconds(30))
                     .empty())
        << "relay never delivered: " << relay->LastLine();

    // The broker goes down for several seconds while appends go on.
    const bool appending =
        Field(relay->LastLine(), "head") < static_cast<int64_t>(kEventsPerCycle * cycles_);
    broker_->SetBrokersDown(true);
    absl::SleepFor(absl::Seconds(3));
    const int64_t checkpoint_while_down = Field(relay->LastLine(), "checkpoint");
    const int64_t head_while_down = Field(relay->LastLine(), "head");
    broker_->SetBrokersDown(false);
    if (appending) {
      EXPECT_GT(head_while_down, checkpoint_while_down)
          << "appends should go on, undelivered, while the broker is down";
    }

    // Both sides die mid-flight and come back.
    absl::SleepFor(absl::Milliseconds(200 + rng() % 800));
    relay->Signal(SIGKILL);
    relay->Wait();
    absl::SleepFor(absl::Milliseconds(rng() % 500));
    projector->Signal(SIGKILL);
    projector->Wait();
    relay = StartRelay();
    projector = StartProjector();
  }

  const std::string relayed = relay->WaitForLine(
      [](const std::string& l) { return l.starts_with("relayed"); }, absl::Seconds(90));
  ASSERT_FALSE(relayed.empty()) << "relay did not finish: " << relay->LastLine() << " (logs in "
                                << dir_.path() << ")";
  int64_t total = 0;
  ASSERT_TRUE(absl::SimpleAtoi(relayed.substr(relayed.find(' ') + 1), &total)) << relayed;
  WaitForProjection(*projector, total, 0);
  ExpectTopicInStreamOrder(total);

  StopCleanlyAndCheckFiles(*relay, *projector);

  // A brand-new broker on the same port (as after `./ror down && ./ror up`): the relay publishes
  // everything again and the projection rebuilds itself from it.
  broker_.reset();
  ASSERT_OK_AND_ASSIGN(broker_,
                       DevBroker::Start({.port = port_, .topics = {{kTopic, kPartitions}}}));
  relay = StartRelay();
  projector = StartProjector();
  ASSERT_FALSE(relay
                   ->WaitForLine(
                       [&](const std::string& l) {
                         return Field(l, "republished") >= 1 && Field(l, "checkpoint") == total;
                       },
                       absl::Seconds(60))
                   .empty())
      << "relay did not republish: " << relay->LastLine();
  WaitForProjection(*projector, total, 1);
  ExpectTopicInStreamOrder(total);
  StopCleanlyAndCheckFiles(*relay, *projector);
}

}  // namespace
}  // namespace ror::bus
