// Login latency at the chosen Argon2id cost (target 100–500 ms, a security choice: see
// services/auth/app/password_hasher.h): the auth application in process on its RocksDB store with
// synced appends, as ror-auth runs it, without the gRPC hop (~0.2 ms on loopback).
//   build/bench/ror_login_bench [--benchmark_repetitions=3]

#include <filesystem>
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "services/auth/app/auth_app.h"

namespace ror::auth::app {
namespace {

constexpr char kEmail[] = "admin@bench.invalid";
constexpr char kPassword[] = "Bench-Login-2026!";

class NullMailer final : public Mailer {
 public:
  absl::Status Send(const Mail&) override { return absl::OkStatus(); }
};

// The application with the default (production) Argon2id cost and one active administrateur.
struct Platform {
  Platform() : dir(std::filesystem::temp_directory_path() / "ror-login-bench"), ids(clock) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = *eventstore::RocksDbEventStore::Open(
        eventstore::RocksDbOptions{.path = (dir / "events").string()}, clock);
    app = *AuthApp::Open(*store, mailer, clock, ids, AuthOptions{}, Argon2Cost{},
                         KeyRingOptions{.dir = dir / "keys"});
    if (absl::Status made = app->accounts().EnsureBootstrapAdministrateur(kEmail, kPassword);
        !made.ok()) {
      std::fprintf(stderr, "bootstrap failed: %s\n", made.ToString().c_str());
      std::abort();
    }
  }
  ~Platform() {
    app.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }

  std::filesystem::path dir;
  SystemClock clock;
  IdGenerator ids;
  NullMailer mailer;
  std::unique_ptr<eventstore::RocksDbEventStore> store;
  std::unique_ptr<AuthApp> app;
};

Platform& Shared() {
  static Platform* platform = new Platform();
  return *platform;
}

// The right password: Argon2id verification, LoginSucceeded and SessionOpened appended, an
// access token signed.
void BM_LoginAccepted(benchmark::State& state) {
  Platform& p = Shared();
  for (auto _ : state) {
    auto tokens = p.app->sessions().Login(kEmail, kPassword, CommandContext{});
    if (!tokens.ok()) state.SkipWithError(std::string(tokens.status().message()).c_str());
  }
}
BENCHMARK(BM_LoginAccepted)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

// An unknown e-mail: a dummy hash is verified so that it costs what a known one does.
void BM_LoginUnknownEmail(benchmark::State& state) {
  Platform& p = Shared();
  for (auto _ : state) {
    auto tokens = p.app->sessions().Login("personne@bench.invalid", kPassword, CommandContext{});
    if (tokens.ok()) state.SkipWithError("an unknown e-mail logged in");
  }
}
BENCHMARK(BM_LoginUnknownEmail)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

}  // namespace
}  // namespace ror::auth::app

BENCHMARK_MAIN();
