// Durability under SIGKILL and on a full disk, with a real child process and a real RocksDB.
#include "absl/strings/string_view.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>
#include <sstream>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"

namespace ror::eventstore {
namespace {

struct Ack {
  uint64_t first_position;
  uint64_t last_position;
};

struct ChildRun {
  std::map<std::string, Ack> acks;
  std::vector<std::string> other_lines;
};

// Runs the child; kills it with SIGKILL after `kill_after` unless it is zero.
ChildRun RunChild(const std::string& dir, const std::string& run, int threads,
                  absl::Duration kill_after, long fsize_kib = 0) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::string t = std::to_string(threads), f = std::to_string(fsize_kib);
    ::execl(ROR_CRASH_CHILD, ROR_CRASH_CHILD, dir.c_str(), run.c_str(), t.c_str(),
            fsize_kib > 0 ? f.c_str() : nullptr, nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string out;
  std::thread reader([&] {
    char buf[65536];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, n);
  });
  if (kill_after > absl::ZeroDuration()) {
    absl::SleepFor(kill_after);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  reader.join();
  ::close(fds[0]);
  ChildRun result;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    std::vector<std::string> parts = absl::StrSplit(line, ' ');
    if (parts.size() == 4 && parts[0] == "ack") {
      result.acks[parts[1]] = {std::stoull(parts[2]), std::stoull(parts[3])};
    } else {
      result.other_lines.emplace_back(line);
    }
  }
  return result;
}

// Every acknowledged append is present at its positions; every batch is whole; positions and
// stream versions have no gap.
void VerifyStore(const std::string& dir, const std::map<std::string, Ack>& acks) {
  SystemClock clock;
  ASSERT_OK_AND_ASSIGN(auto store, RocksDbEventStore::Open({.path = dir}, clock));
  ASSERT_OK_AND_ASSIGN(auto all, store->ReadAll(1, SIZE_MAX));
  ASSERT_EQ(all.size(), store->HeadPosition());
  std::map<std::string, int64_t> versions;
  std::map<std::string, std::vector<uint64_t>> batches;  // batch -> positions
  std::map<std::string, int> batch_sizes;
  for (size_t i = 0; i < all.size(); ++i) {
    const auto& e = all[i];
    ASSERT_EQ(e.global_position(), i + 1);
    ASSERT_EQ(e.stream_version(), ++versions[e.stream_id()]) << e.stream_id();
    std::vector<std::string> parts = absl::StrSplit(e.payload(), '|');
    ASSERT_EQ(parts.size(), 4u);
    ASSERT_EQ(std::stoi(parts[1]), static_cast<int>(batches[parts[0]].size()));
    batches[parts[0]].push_back(e.global_position());
    batch_sizes[parts[0]] = std::stoi(parts[2]);
  }
  for (const auto& [batch, positions] : batches) {
    ASSERT_EQ(static_cast<int>(positions.size()), batch_sizes[batch]) << "partial batch " << batch;
    ASSERT_EQ(positions.back() - positions.front() + 1, positions.size()) << batch;
  }
  for (const auto& [batch, ack] : acks) {
    auto it = batches.find(batch);
    ASSERT_NE(it, batches.end()) << "acknowledged append lost: " << batch;
    EXPECT_EQ(it->second.front(), ack.first_position) << batch;
    EXPECT_EQ(it->second.back(), ack.last_position) << batch;
  }
}

TEST(CrashTest, AcknowledgedAppendsSurviveFiftySigkills) {
  ror::testing::TempDir tmp;
  const std::string dir = tmp.path() / "store";
  std::mt19937 rng(20261122);
  std::map<std::string, Ack> all_acks;
  for (int run = 0; run < 50; ++run) {
    const auto kill_after = absl::Milliseconds(std::uniform_int_distribution(30, 250)(rng));
    ChildRun child = RunChild(dir, "r" + std::to_string(run), 32, kill_after);
    all_acks.insert(child.acks.begin(), child.acks.end());
    VerifyStore(dir, all_acks);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(all_acks.size(), 500u) << "the child acknowledged too little to test anything";
}

TEST(CrashTest, FullDiskRefusesWritesWithUnavailableAndLosesNothing) {
  ror::testing::TempDir tmp;
  const std::string dir = tmp.path() / "store";
  ChildRun child = RunChild(dir, "full", 8, absl::ZeroDuration(), /*fsize_kib=*/2048);
  ASSERT_FALSE(child.acks.empty());
  ASSERT_GE(child.other_lines.size(), 2u);
  EXPECT_EQ(child.other_lines[0], "refused UNAVAILABLE unhealthy");
  EXPECT_EQ(child.other_lines.back(), "again UNAVAILABLE");
  VerifyStore(dir, child.acks);
}

}  // namespace
}  // namespace ror::eventstore
