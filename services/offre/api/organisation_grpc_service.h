#pragma once

#include "ror/v1/organisation.grpc.pb.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/app/organisation_handler.h"

namespace ror::offre::api {

// ror.v1.OrganisationService: gRPC glue only.
class OrganisationGrpcService final : public v1::OrganisationService::Service {
 public:
  // `offres` (may be null) puts "Mes offres" in the trees.
  explicit OrganisationGrpcService(app::OrganisationHandler& handler,
                                   const app::OffreIndex* offres = nullptr)
      : handler_(handler), offres_(offres) {}

  grpc::Status CreateOrganisation(grpc::ServerContext* context,
                                  const v1::CreateOrganisationRequest* request,
                                  v1::CreateOrganisationResponse* response) override;
  grpc::Status UpdateOrganisation(grpc::ServerContext* context,
                                  const v1::UpdateOrganisationRequest* request,
                                  v1::UpdateOrganisationResponse* response) override;
  grpc::Status CloseOrganisation(grpc::ServerContext* context,
                                 const v1::CloseOrganisationRequest* request,
                                 v1::CloseOrganisationResponse* response) override;
  grpc::Status GetOrganisation(grpc::ServerContext* context,
                               const v1::GetOrganisationRequest* request,
                               v1::Organisation* response) override;
  grpc::Status GetEtablissementTree(grpc::ServerContext* context,
                                    const v1::GetEtablissementTreeRequest* request,
                                    v1::EtablissementTree* response) override;
  grpc::Status GetBreadcrumb(grpc::ServerContext* context, const v1::GetBreadcrumbRequest* request,
                             v1::Breadcrumb* response) override;

 private:
  app::OrganisationHandler& handler_;
  const app::OffreIndex* const offres_;
};

v1::Organisation ToProto(const domain::OrganisationState& state);

}  // namespace ror::offre::api
