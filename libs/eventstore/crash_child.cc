// Child process of the crash and disk-full tests: appends from many threads and prints one line
// per acknowledged append ("ack <request_id> <first_position> <last_position>") on stdout.
//   crash_child <dir> <run> <threads>              append until killed
//   crash_child <dir> <run> <threads> <fsize_kib>  cap file sizes (disk full), append until refused
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/eventstore/rocksdb_event_store.h"

namespace {

void WriteLine(const std::string& line) {
  // One write(2) per line: lines never interleave and reach the pipe before the ack is used.
  ssize_t n = ::write(STDOUT_FILENO, line.data(), line.size());
  (void)n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: crash_child DIR RUN THREADS [FSIZE_KIB]\n");
    return 2;
  }
  const std::string dir = argv[1], run = argv[2];
  const int threads = std::stoi(argv[3]);
  const long fsize_kib = argc > 4 ? std::stol(argv[4]) : 0;
  ror::SystemClock clock;
  auto store = ror::eventstore::RocksDbEventStore::Open({.path = dir}, clock);
  if (!store.ok()) {
    WriteLine(absl::StrCat("open-error ", store.status().ToString(), "\n"));
    return 1;
  }
  if (fsize_kib > 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // make the write fail with EFBIG, as on a full disk
    rlimit limit{static_cast<rlim_t>(fsize_kib) << 10, static_cast<rlim_t>(fsize_kib) << 10};
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  std::atomic<bool> refused{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const std::string filler(fsize_kib > 0 ? 1024 : 16, 'x');
      for (int i = 0; !refused.load(); ++i) {
        const std::string batch = absl::StrCat(run, "-", t, "-", i);
        const int count = 1 + i % 4;
        std::vector<ror::v1::EventEnvelope> events(count);
        for (int k = 0; k < count; ++k) {
          events[k].set_event_type("CrashTested");
          events[k].set_payload(absl::StrCat(batch, "|", k, "|", count, "|", filler));
        }
        auto r = (*store)->Append(absl::StrCat("crash-", t % 5), ror::eventstore::kAnyVersion,
                                  std::move(events), batch);
        if (!r.ok()) {
          if (!refused.exchange(true)) {
            WriteLine(absl::StrCat("refused ", absl::StatusCodeToString(r.status().code()), " ",
                                   (*store)->Health().ok() ? "healthy" : "unhealthy", "\n"));
          }
          return;
        }
        WriteLine(absl::StrCat("ack ", batch, " ", r->first_position, " ", r->last_position, "\n"));
      }
    });
  }
  for (auto& w : workers) w.join();
  // Still refused after the writer tried to resume: the store stays unavailable.
  std::vector<ror::v1::EventEnvelope> one(1);
  one[0].set_event_type("CrashTested");
  one[0].set_payload(std::string(4096, 'y'));
  auto again = (*store)->Append("crash-x", ror::eventstore::kAnyVersion, std::move(one),
                                absl::StrCat(run, "-again"));
  WriteLine(absl::StrCat("again ", again.ok() ? "OK" : absl::StatusCodeToString(again.status().code()),
                         "\n"));
  return 0;
}
