#pragma once

#include "ror/v1/offre.grpc.pb.h"
#include "services/offre/api/request_context.h"
#include "services/offre/app/offre_handler.h"
#include "services/offre/app/offre_reads.h"

namespace ror::offre::api {

// ror.v1.OffreService: gRPC glue only. Requests become handler calls, outcomes become responses,
// absl::Status becomes grpc::Status 1:1 (with the BadRequest in the error details). Reads go
// through `reads`, for the caller `hooks` names (no source: every caller is anonymous), so what
// they return is what the access function lets that caller see.
class OffreGrpcService final : public v1::OffreService::Service {
 public:
  OffreGrpcService(app::OffreHandler& handler, app::OffreReads& reads,
                   CallHooks hooks = {})
      : handler_(handler), reads_(reads), hooks_(std::move(hooks)) {}

  grpc::Status CreateOffre(grpc::ServerContext* context, const v1::CreateOffreRequest* request,
                           v1::CreateOffreResponse* response) override;
  grpc::Status GetOffre(grpc::ServerContext* context, const v1::GetOffreRequest* request,
                        v1::Offre* response) override;
  grpc::Status GetQualityReport(grpc::ServerContext* context,
                                const v1::GetQualityReportRequest* request,
                                v1::QualityReport* response) override;
  grpc::Status SaveDraft(grpc::ServerContext* context, const v1::SaveDraftRequest* request,
                         v1::Offre* response) override;
  grpc::Status ValidateDraft(grpc::ServerContext* context, const v1::ValidateDraftRequest* request,
                             v1::Offre* response) override;
  grpc::Status DiscardDraft(grpc::ServerContext* context, const v1::DiscardDraftRequest* request,
                            v1::Offre* response) override;
  grpc::Status DuplicateOffre(grpc::ServerContext* context,
                              const v1::DuplicateOffreRequest* request,
                              v1::Offre* response) override;
  grpc::Status CloseOffre(grpc::ServerContext* context, const v1::CloseOffreRequest* request,
                          v1::Offre* response) override;
  grpc::Status ReopenOffre(grpc::ServerContext* context, const v1::ReopenOffreRequest* request,
                           v1::Offre* response) override;
  grpc::Status MoveOffre(grpc::ServerContext* context, const v1::MoveOffreRequest* request,
                         v1::Offre* response) override;
  grpc::Status ListModelesSaisie(grpc::ServerContext* context,
                                 const v1::ListModelesSaisieRequest* request,
                                 v1::ListModelesSaisieResponse* response) override;
  grpc::Status ListActionsEnAttente(grpc::ServerContext* context,
                                    const v1::ListActionsEnAttenteRequest* request,
                                    v1::ListActionsEnAttenteResponse* response) override;
  grpc::Status ListOffresFermees(grpc::ServerContext* context,
                                 const v1::ListOffresFermeesRequest* request,
                                 v1::ListOffresFermeesResponse* response) override;

 private:
  app::OffreHandler& handler_;
  app::OffreReads& reads_;
  const CallHooks hooks_;
};

// The wire form of an offre.
v1::Offre ToProto(const domain::OffreState& state);

}  // namespace ror::offre::api
