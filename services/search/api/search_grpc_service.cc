#include "services/search/api/search_grpc_service.h"

#include <string>
#include <utility>
#include <vector>

#include "libs/server/call_metadata.h"
#include "libs/server/grpc_status.h"

namespace ror::search::api {

SearchGrpcService::SearchGrpcService(app::SearchEngine& engine, app::SavedSearches& saved,
                                     CallerSource callers, IndexStatusSource status)
    : engine_(engine), saved_(saved), callers_(std::move(callers)), status_(std::move(status)) {}

absl::StatusOr<authz::Principal> SearchGrpcService::Caller(
    const grpc::ServerContext* context) const {
  if (!callers_ || context == nullptr) return authz::Anonymous();
  return callers_(*context);
}

absl::StatusOr<app::SavedSearchCaller> SearchGrpcService::UserCaller(
    const grpc::ServerContext* context) const {
  absl::StatusOr<authz::Principal> principal = Caller(context);
  if (!principal.ok()) return principal.status();
  if (principal->kind != authz::PrincipalKind::kUser) {
    return absl::UnauthenticatedError(
        "les recherches sauvegardées sont celles d'un utilisateur connecté");
  }
  return app::CallerOf(*principal, server::ClientMetadata(*context, "x-correlation-id"),
                       server::ClientMetadata(*context, "traceparent"));
}

grpc::Status SearchGrpcService::Search(grpc::ServerContext* context,
                                       const v1::SearchRequest* request,
                                       v1::SearchResponse* response) {
  absl::StatusOr<authz::Principal> caller = Caller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<v1::SearchResponse> found = engine_.Search(*caller, *request);
  if (!found.ok()) return server::ToGrpcStatus(found.status());
  *response = std::move(*found);
  return grpc::Status::OK;
}

grpc::Status SearchGrpcService::Suggest(grpc::ServerContext* context,
                                        const v1::SuggestRequest* request,
                                        v1::SuggestResponse* response) {
  absl::StatusOr<authz::Principal> caller = Caller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<v1::SuggestResponse> found = engine_.Suggest(*caller, *request);
  if (!found.ok()) return server::ToGrpcStatus(found.status());
  *response = std::move(*found);
  return grpc::Status::OK;
}

grpc::Status SearchGrpcService::ExportSearch(grpc::ServerContext* context,
                                             const v1::ExportSearchRequest* request,
                                             grpc::ServerWriter<v1::ExportChunk>* writer) {
  absl::StatusOr<authz::Principal> caller = Caller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  return server::ToGrpcStatus(engine_.Export(*caller, *request, [&](const std::string& csv) {
    v1::ExportChunk chunk;
    chunk.set_csv(csv);
    return !context->IsCancelled() && writer->Write(chunk);
  }));
}

grpc::Status SearchGrpcService::GetGuide(grpc::ServerContext*, const v1::GetGuideRequest*,
                                         v1::Guide* response) {
  if (engine_.guide() == nullptr) {
    return server::ToGrpcStatus(
        absl::FailedPreconditionError("le guide de recherche n'est pas chargé (--guide)"));
  }
  *response = engine_.guide()->tree();
  return grpc::Status::OK;
}

grpc::Status SearchGrpcService::SaveSearch(grpc::ServerContext* context,
                                           const v1::SaveSearchRequest* request,
                                           v1::SavedSearch* response) {
  absl::StatusOr<app::SavedSearchCaller> caller = UserCaller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<v1::SavedSearch> saved = saved_.Save(*caller, *request);
  if (!saved.ok()) return server::ToGrpcStatus(saved.status());
  *response = std::move(*saved);
  return grpc::Status::OK;
}

grpc::Status SearchGrpcService::ListSavedSearches(grpc::ServerContext* context,
                                                  const v1::ListSavedSearchesRequest*,
                                                  v1::ListSavedSearchesResponse* response) {
  absl::StatusOr<app::SavedSearchCaller> caller = UserCaller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<std::vector<v1::SavedSearch>> searches = saved_.List(*caller);
  if (!searches.ok()) return server::ToGrpcStatus(searches.status());
  for (v1::SavedSearch& search : *searches) *response->add_searches() = std::move(search);
  return grpc::Status::OK;
}

grpc::Status SearchGrpcService::DeleteSavedSearch(grpc::ServerContext* context,
                                                  const v1::DeleteSavedSearchRequest* request,
                                                  v1::DeleteSavedSearchResponse*) {
  absl::StatusOr<app::SavedSearchCaller> caller = UserCaller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  return server::ToGrpcStatus(saved_.Delete(*caller, *request));
}

grpc::Status SearchGrpcService::GetIndexStatus(grpc::ServerContext* context,
                                               const v1::GetIndexStatusRequest*,
                                               v1::IndexStatus* response) {
  absl::StatusOr<authz::Principal> caller = Caller(context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  *response = status_();
  // Only what this caller may see is counted.
  return server::ToGrpcStatus(engine_.CountVisible(*caller, *response));
}

}  // namespace ror::search::api
