#pragma once

#include "ror/v1/etablissement.grpc.pb.h"
#include "services/offre/api/request_context.h"
#include "services/offre/app/etablissement_handler.h"

namespace ror::offre::api {

// ror.v1.EtablissementService: gRPC glue only.
class EtablissementGrpcService final : public v1::EtablissementService::Service {
 public:
  static constexpr int kMaxFichesPerImport = 1000;

  // `hooks` name the caller of each call (none: anonymous, who may not import).
  explicit EtablissementGrpcService(app::EtablissementHandler& handler, CallHooks hooks = {})
      : handler_(handler), hooks_(std::move(hooks)) {}

  // A fiche with bad input is reported in its outcome and the others go on; any other failure
  // (the store cannot write) fails the call, and retrying it writes nothing twice.
  grpc::Status ImportEtablissements(grpc::ServerContext* context,
                                    const v1::ImportEtablissementsRequest* request,
                                    v1::ImportEtablissementsResponse* response) override;
  grpc::Status GetEtablissement(grpc::ServerContext* context,
                                const v1::GetEtablissementRequest* request,
                                v1::Etablissement* response) override;
  grpc::Status ImportEntitesJuridiques(grpc::ServerContext* context,
                                       const v1::ImportEntitesJuridiquesRequest* request,
                                       v1::ImportEtablissementsResponse* response) override;
  grpc::Status GetEntiteJuridique(grpc::ServerContext* context,
                                  const v1::GetEntiteJuridiqueRequest* request,
                                  v1::EntiteJuridique* response) override;

 private:
  app::EtablissementHandler& handler_;
  const CallHooks hooks_;
};

v1::Etablissement ToProto(const domain::EtablissementState& state);
v1::EntiteJuridique ToProto(const domain::EntiteJuridiqueState& state);

}  // namespace ror::offre::api
