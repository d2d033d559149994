#pragma once

// ror.v1.SearchService over gRPC: who calls (from the authz interceptor), then the engine, the
// guide, the saved searches and the index's state. No business rule here.

#include <functional>

#include "absl/status/statusor.h"
#include "libs/authz/principal.h"
#include "ror/v1/search.grpc.pb.h"
#include "services/search/app/saved_searches.h"
#include "services/search/app/search_engine.h"

namespace ror::search::api {

// Who is calling: the authz interceptor's registry in the server, whoever a test says otherwise.
using CallerSource =
    std::function<absl::StatusOr<authz::Principal>(const grpc::ServerContextBase& context)>;

// How far the index is behind, for GetIndexStatus (the counts are the engine's, per caller).
using IndexStatusSource = std::function<v1::IndexStatus()>;

class SearchGrpcService final : public v1::SearchService::Service {
 public:
  SearchGrpcService(app::SearchEngine& engine, app::SavedSearches& saved, CallerSource callers,
                    IndexStatusSource status);

  grpc::Status Search(grpc::ServerContext* context, const v1::SearchRequest* request,
                      v1::SearchResponse* response) override;
  grpc::Status Suggest(grpc::ServerContext* context, const v1::SuggestRequest* request,
                       v1::SuggestResponse* response) override;
  grpc::Status ExportSearch(grpc::ServerContext* context, const v1::ExportSearchRequest* request,
                            grpc::ServerWriter<v1::ExportChunk>* writer) override;
  grpc::Status GetGuide(grpc::ServerContext* context, const v1::GetGuideRequest* request,
                        v1::Guide* response) override;
  grpc::Status SaveSearch(grpc::ServerContext* context, const v1::SaveSearchRequest* request,
                          v1::SavedSearch* response) override;
  grpc::Status ListSavedSearches(grpc::ServerContext* context,
                                 const v1::ListSavedSearchesRequest* request,
                                 v1::ListSavedSearchesResponse* response) override;
  grpc::Status DeleteSavedSearch(grpc::ServerContext* context,
                                 const v1::DeleteSavedSearchRequest* request,
                                 v1::DeleteSavedSearchResponse* response) override;
  grpc::Status GetIndexStatus(grpc::ServerContext* context,
                              const v1::GetIndexStatusRequest* request,
                              v1::IndexStatus* response) override;

 private:
  absl::StatusOr<authz::Principal> Caller(const grpc::ServerContext* context) const;
  // Saved searches belong to signed-in users.
  absl::StatusOr<app::SavedSearchCaller> UserCaller(const grpc::ServerContext* context) const;

  app::SearchEngine& engine_;
  app::SavedSearches& saved_;
  CallerSource callers_;
  IndexStatusSource status_;
};

}  // namespace ror::search::api
