// Load driver for the offre service over gRPC (a running ror-offre, see run_offre_load.sh).
//   offre_load --offre 127.0.0.1:50051 --threads 32 --seconds 10 --get_rate 1000
// Phase 1: `threads` clients each loop CreateOffre -> SaveDraft (steps 2-3) -> ValidateDraft,
// every command durable; prints commands/s and latency percentiles.
// Phase 2: GetOffre on the offres just made, paced at `get_rate` requests/s; prints percentiles.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_util.h"
#include "grpcpp/create_channel.h"
#include "ror/v1/offre.grpc.pb.h"

ABSL_FLAG(std::string, offre, "127.0.0.1:50051", "the offre service");
ABSL_FLAG(int, threads, 32, "concurrent clients of phase 1");
ABSL_FLAG(int, seconds, 10, "duration of each phase");
ABSL_FLAG(int, get_rate, 1000, "GetOffre requests per second in phase 2");
ABSL_FLAG(std::string, token_file, "",
          "the access token of a caller habilitated on the EG written to (rorctl login)");

namespace {

// Latencies from many client threads, summarised once they have all stopped.
struct Latencies {
  std::mutex mu;
  std::vector<int64_t> ns;
  void Add(absl::Duration d) {
    std::lock_guard lock(mu);
    ns.push_back(absl::ToInt64Nanoseconds(d));
  }
  ror::bench::LatencySummary Summary() {
    std::lock_guard lock(mu);
    return ror::bench::Summarize(ns);
  }
};

// "Bearer <token>" from --token_file; empty without one. An unreadable file stops the driver: it
// would otherwise time refusals.
std::string Authorization() {
  const std::string path = absl::GetFlag(FLAGS_token_file);
  if (path.empty()) return "";
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  if (token.empty()) {
    std::fprintf(stderr, "--token_file: %s is unreadable or empty\n", path.c_str());
    std::exit(2);
  }
  return "Bearer " + token;
}

template <typename Call>
grpc::Status Timed(Latencies& latencies, Call call) {
  static const std::string authorization = Authorization();
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  const absl::Time start = absl::Now();
  grpc::Status status = call(&context);
  latencies.Add(absl::Now() - start);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto channel =
      grpc::CreateChannel(absl::GetFlag(FLAGS_offre), grpc::InsecureChannelCredentials());
  auto stub = ror::v1::OffreService::NewStub(channel);
  const absl::Duration phase = absl::Seconds(absl::GetFlag(FLAGS_seconds));

  Latencies commands;
  std::atomic<int64_t> done{0}, failed{0};
  std::mutex ids_mu;
  std::vector<std::string> ids;
  const absl::Time end = absl::Now() + phase;
  std::vector<std::thread> clients;
  for (int t = 0; t < absl::GetFlag(FLAGS_threads); ++t) {
    clients.emplace_back([&, t] {
      for (int i = 0; absl::Now() < end; ++i) {
        ror::v1::CreateOffreRequest create;
        create.set_request_id(absl::StrCat("load-", t, "-", i, "-", absl::ToUnixNanos(end)));
        create.set_nom(absl::StrCat("HC Cardiologie ", t, "-", i));
        create.set_champ_activite("01");
        create.set_finess_eg("350000741");
        create.set_modele_saisie("149/01");
        ror::v1::CreateOffreResponse created;
        if (!Timed(commands, [&](auto* c) {
               return stub->CreateOffre(c, create, &created);
             }).ok()) {
          ++failed;
          continue;
        }
        ror::v1::SaveDraftRequest save;
        save.set_request_id(absl::StrCat(create.request_id(), "-save"));
        save.set_offre_id(created.offre().offre_id());
        save.set_step(3);
        *save.mutable_draft() = created.offre().draft();
        save.mutable_draft()->set_type_offre("149");
        save.mutable_draft()->set_mode_prise_en_charge("28");
        save.mutable_draft()->add_activites_operationnelles("013");
        ror::v1::ValidateDraftRequest validate;
        validate.set_request_id(absl::StrCat(create.request_id(), "-validate"));
        validate.set_offre_id(created.offre().offre_id());
        ror::v1::Offre reply;
        const bool ok =
            Timed(commands, [&](auto* c) { return stub->SaveDraft(c, save, &reply); }).ok() &&
            Timed(commands, [&](auto* c) { return stub->ValidateDraft(c, validate, &reply); }).ok();
        if (!ok) {
          ++failed;
          continue;
        }
        done += 3;
        std::lock_guard lock(ids_mu);
        ids.push_back(created.offre().offre_id());
      }
    });
  }
  for (auto& c : clients) c.join();
  const ror::bench::LatencySummary command_latency = commands.Summary();
  std::printf(
      "commands: %lld durable commands in %.0f s = %.0f/s (CreateOffre + SaveDraft + "
      "ValidateDraft, %d clients), %lld failed; latency p50 %.2f ms, p99 %.2f ms\n",
      static_cast<long long>(done.load()), absl::ToDoubleSeconds(phase),
      done.load() / absl::ToDoubleSeconds(phase), absl::GetFlag(FLAGS_threads),
      static_cast<long long>(failed.load()), command_latency.p50_ms, command_latency.p99_ms);
  if (ids.empty()) return 1;

  // Phase 2: an open-loop pace, each request sent at its own time slot by a pool of senders.
  Latencies gets;
  const int rate = absl::GetFlag(FLAGS_get_rate);
  const int64_t total = static_cast<int64_t>(rate) * absl::GetFlag(FLAGS_seconds);
  const absl::Time start = absl::Now() + absl::Milliseconds(100);
  std::atomic<int64_t> next{0}, get_failed{0};
  std::vector<std::thread> senders;
  for (int s = 0; s < 16; ++s) {
    senders.emplace_back([&] {
      for (int64_t n; (n = next++) < total;) {
        const absl::Time slot = start + absl::Seconds(1) * n / rate;
        if (const absl::Time now = absl::Now(); slot > now) absl::SleepFor(slot - now);
        ror::v1::GetOffreRequest get;
        get.set_offre_id(ids[n % ids.size()]);
        ror::v1::Offre offre;
        if (!Timed(gets, [&](auto* c) { return stub->GetOffre(c, get, &offre); }).ok()) {
          ++get_failed;
        }
      }
    });
  }
  for (auto& s : senders) s.join();
  const ror::bench::LatencySummary get_latency = gets.Summary();
  std::printf(
      "GetOffre: %lld requests at %d/s, %lld failed; latency p50 %.2f ms, p99 %.2f ms, "
      "p99.9 %.2f ms\n",
      static_cast<long long>(total), rate, static_cast<long long>(get_failed.load()),
      get_latency.p50_ms, get_latency.p99_ms, get_latency.p999_ms);
  return 0;
}
