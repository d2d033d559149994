#include "bench/gateway/search_backend.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/gateway/corpus_directory.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "libs/authz/principal.h"
#include "libs/bus/projection_db.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/memory_event_store.h"
#include "services/search/api/search_grpc_service.h"
#include "services/search/app/document_builder.h"
#include "services/search/app/indexer.h"
#include "services/search/app/read_model.h"
#include "services/search/app/saved_searches.h"
#include "services/search/app/search_engine.h"
#include "services/search/app/search_index.h"
#include "services/search/app/visibility.h"

namespace ror::bench::gateway {

namespace app = ror::search::app;

struct SearchBackend::State {
  explicit State(const nomenclature::Nomenclatures& codes) : labels(codes), builder(labels) {}

  SystemClock clock;
  IdGenerator ids{clock};
  app::Labels labels;
  app::DocumentBuilder builder;
  std::unique_ptr<bus::ProjectionDb> db;
  std::unique_ptr<app::ReadModel> model;
  std::unique_ptr<app::SearchIndex> index;
  std::unique_ptr<app::SearchEngine> engine;
  std::unique_ptr<eventstore::MemoryEventStore> store;
  std::unique_ptr<app::SavedSearches> saved;
  std::unique_ptr<ror::search::api::SearchGrpcService> service;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  bool reused = false;
  double projection_seconds = 0;
  double index_seconds = 0;
};

absl::StatusOr<std::unique_ptr<SearchBackend>> SearchBackend::Start(
    const search::Corpus& corpus, const std::string& dir, const nomenclature::Nomenclatures& codes,
    bool reuse) {
  auto state = std::make_unique<State>(codes);
  const std::filesystem::path root(dir);
  const std::string marker = (root / "corpus").string();
  state->reused = reuse && HasCorpusMarker(marker, corpus, app::IndexLayout());
  if (!state->reused) {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  std::filesystem::create_directories(root);
  ASSIGN_OR_RETURN(
      state->db, bus::ProjectionDb::Open(app::ReadModelDbOptions((root / "read_model").string())));
  state->model = std::make_unique<app::ReadModel>(*state->db);
  ASSIGN_OR_RETURN(state->index, app::SearchIndex::Open(root / "index", app::IndexLayout()));
  if (!state->reused) {
    app::ReadModelProjection projection(state->ids);
    absl::Time start = absl::Now();
    RETURN_IF_ERROR(ApplyCorpus(corpus, projection, *state->db, 2000));
    state->projection_seconds = absl::ToDoubleSeconds(absl::Now() - start);
    start = absl::Now();
    {
      app::Indexer indexer(*state->model, *state->index, state->builder);
      RETURN_IF_ERROR(indexer.CatchUp());
    }
    state->index_seconds = absl::ToDoubleSeconds(absl::Now() - start);
    WriteCorpusMarker(marker, corpus, app::IndexLayout());
  }

  state->engine = std::make_unique<app::SearchEngine>(*state->index, codes, nullptr);
  state->store = std::make_unique<eventstore::MemoryEventStore>(state->clock);
  state->saved = std::make_unique<app::SavedSearches>(*state->store, state->clock, state->ids);
  state->service = std::make_unique<ror::search::api::SearchGrpcService>(
      *state->engine, *state->saved,
      [](const grpc::ServerContextBase&) -> absl::StatusOr<authz::Principal> {
        return authz::Anonymous();
      },
      [] { return v1::IndexStatus(); });
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &state->port);
  builder.RegisterService(state->service.get());
  state->server = builder.BuildAndStart();
  if (state->server == nullptr || state->port == 0) {
    return absl::UnavailableError("search backend: cannot listen on 127.0.0.1");
  }
  return std::unique_ptr<SearchBackend>(new SearchBackend(std::move(state)));
}

SearchBackend::SearchBackend(std::unique_ptr<State> state) : state_(std::move(state)) {}

SearchBackend::~SearchBackend() {
  state_->server->Shutdown();
  state_->server->Wait();
}

int SearchBackend::port() const { return state_->port; }
bool SearchBackend::reused() const { return state_->reused; }
double SearchBackend::projection_seconds() const { return state_->projection_seconds; }
double SearchBackend::index_seconds() const { return state_->index_seconds; }

}  // namespace ror::bench::gateway
