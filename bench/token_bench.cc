// Token verification per core (target ≥ 50,000/s): the signature check of a token seen for the
// first time, and the lookup of a token already verified, with as many distinct tokens as a busy
// service sees live sessions.
//   build/bench/ror_token_bench --benchmark_repetitions=3

#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "libs/authz/access_token.h"
#include "libs/authz/token_testing.h"
#include "libs/authz/token_verifier.h"
#include "libs/common/clock.h"

namespace ror::authz {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

std::vector<std::string> Tokens(const Es256Key& key, int count) {
  std::vector<std::string> tokens;
  for (int i = 0; i < count; ++i) {
    AccessTokenClaims claims = testing::RegulateurClaims(kNow);
    claims.token_id = "jti-" + std::to_string(i);
    claims.principal.session_id = "session-" + std::to_string(i);
    tokens.push_back(*IssueAccessToken(claims, key));
  }
  return tokens;
}

struct Fixture {
  explicit Fixture(size_t cache_entries)
      : clock(kNow),
        key(*Es256Key::Generate("key-1")),
        verifier(VerifierOptions{.issuer = testing::kIssuer,
                                 .audience = testing::kAudience,
                                 .cache_entries = cache_entries},
                 clock) {
    verifier.SetKeys({key});
  }
  FakeClock clock;
  Es256Key key;
  TokenVerifier verifier;
};

// Every token new to the verifier (its cache holds one entry): the ES256 verification itself.
void BM_VerifyFirstSight(benchmark::State& state) {
  Fixture f(/*cache_entries=*/1);
  const std::vector<std::string> tokens = Tokens(f.key, 1000);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.verifier.Verify(tokens[i++ % tokens.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyFirstSight);

// 10,000 live sessions' tokens, each already verified once: what a service does per request.
void BM_VerifySeen(benchmark::State& state) {
  static Fixture* f = nullptr;
  static std::vector<std::string>* tokens = nullptr;
  if (state.thread_index() == 0) {
    f = new Fixture(100000);
    tokens = new std::vector<std::string>(Tokens(f->key, 10000));
    for (const std::string& t : *tokens) (void)f->verifier.Verify(t);
  }
  size_t i = static_cast<size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f->verifier.Verify((*tokens)[i++ % tokens->size()]));
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    delete tokens;
    delete f;
  }
}
BENCHMARK(BM_VerifySeen)->Threads(1)->Threads(2)->UseRealTime();

void BM_Issue(benchmark::State& state) {
  const Es256Key key = *Es256Key::Generate("key-1");
  const AccessTokenClaims claims = testing::RegulateurClaims(kNow);
  for (auto _ : state) benchmark::DoNotOptimize(IssueAccessToken(claims, key));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Issue);

}  // namespace
}  // namespace ror::authz

BENCHMARK_MAIN();
