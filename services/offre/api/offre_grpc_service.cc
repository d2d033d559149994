#include "services/offre/api/offre_grpc_service.h"

#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "services/offre/api/request_context.h"

namespace ror::offre::api {

v1::Offre ToProto(const domain::OffreState& state) {
  v1::Offre offre;
  offre.set_offre_id(state.offre_id);
  offre.set_nom(state.nom);
  offre.set_champ_activite(state.champ_activite);
  offre.set_finess_eg(state.finess_eg);
  offre.set_version(state.version);
  *offre.mutable_created_at() = ToProtoTimestamp(state.created_at);
  *offre.mutable_updated_at() = ToProtoTimestamp(state.updated_at);
  return offre;
}

grpc::Status OffreGrpcService::CreateOffre(grpc::ServerContext* context,
                                           const v1::CreateOffreRequest* request,
                                           v1::CreateOffreResponse* response) {
  const app::CommandContext ctx = ContextOf(*context, request->request_id());
  absl::StatusOr<domain::OffreState> created =
      handler_.CreateOffre(app::NewOffre{.nom = request->nom(),
                                         .champ_activite = request->champ_activite(),
                                         .finess_eg = request->finess_eg()},
                           ctx);
  if (!created.ok()) return server::ToGrpcStatus(created.status());
  *response->mutable_offre() = ToProto(*created);
  return grpc::Status::OK;
}

grpc::Status OffreGrpcService::GetOffre(grpc::ServerContext* context,
                                        const v1::GetOffreRequest* request, v1::Offre* response) {
  absl::StatusOr<domain::OffreState> offre = handler_.GetOffre(request->offre_id());
  if (!offre.ok()) return server::ToGrpcStatus(offre.status());
  *response = ToProto(*offre);
  return grpc::Status::OK;
}

}  // namespace ror::offre::api
