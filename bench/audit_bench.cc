// The append rate of the audit log: one synced WriteBatch per record, appends serialized by the
// log's mutex. Figures in README.md.
//   build/bench/ror_audit_bench --benchmark_filter=. [ROR_AUDIT_BENCH_DIR=/path/on/the/real/disk]
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "libs/audit/audit_log.h"

namespace ror::audit {
namespace {

v1::AuditRecord Sample(int64_t i) {
  v1::AuditRecord r;
  r.mutable_recorded_at()->set_seconds(1'790'000'000 + i);
  r.mutable_actor()->set_kind(v1::Actor::KIND_USER);
  r.mutable_actor()->set_subject("u-0190a2b3-7c4d-7e5f-8a9b-0c1d2e3f4a5b");
  r.mutable_actor()->set_display_name("Jeanne Martin");
  r.set_method("/ror.v1.OffreService/UpdateOffre");
  r.set_stream_id("offre-0190a2b3-7c4d-7e5f-8a9b-0c1d2e3f4a5b");
  r.set_stream_version(i);
  r.set_request_id(absl::StrCat("req-", i));
  r.set_peer("ipv4:10.0.0.7:41000");
  r.set_outcome("OK");
  r.set_outcome_message("réussi");
  return r;
}

std::string BenchDir() {
  const char* dir = std::getenv("ROR_AUDIT_BENCH_DIR");
  const char* tmp = std::getenv("TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : (tmp != nullptr ? tmp : "/tmp"), "/ror-audit-bench");
}

// `threads` callers append `per_thread` records each, at once, as the calls of a busy service do;
// the rate is over the wall-clock time of the whole round.
void BM_Append(benchmark::State& state) {
  const bool sync = state.range(0) != 0;
  const int threads = static_cast<int>(state.range(1));
  constexpr int kPerThread = 200;
  std::filesystem::remove_all(BenchDir());
  std::unique_ptr<AuditLog> log = *AuditLog::Open({.path = BenchDir(), .sync = sync});
  std::atomic<int64_t> next{0};
  std::atomic<bool> failed{false};
  for (auto _ : state) {
    std::vector<std::thread> callers;
    for (int t = 0; t < threads; ++t) {
      callers.emplace_back([&] {
        for (int i = 0; i < kPerThread; ++i) {
          if (!log->Append(Sample(++next)).ok()) failed = true;
        }
      });
    }
    for (auto& c : callers) c.join();
  }
  if (failed) state.SkipWithError("append failed");
  state.SetItemsProcessed(state.iterations() * threads * kPerThread);
  log.reset();
  std::filesystem::remove_all(BenchDir());
}
BENCHMARK(BM_Append)
    ->ArgNames({"sync", "threads"})
    ->ArgsProduct({{1, 0}, {1, 8, 32}})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_Verify(benchmark::State& state) {
  std::filesystem::remove_all(BenchDir());
  auto log = *AuditLog::Open({.path = BenchDir(), .sync = false});
  for (int64_t i = 1; i <= state.range(0); ++i) (void)log->Append(Sample(i));
  for (auto _ : state) benchmark::DoNotOptimize(log->Verify());
  state.SetItemsProcessed(state.iterations() * state.range(0));
  log.reset();
  std::filesystem::remove_all(BenchDir());
}
BENCHMARK(BM_Verify)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ror::audit

BENCHMARK_MAIN();
