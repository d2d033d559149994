#pragma once

#include "libs/authz/access_policy.h"
#include "ror/v1/organisation.grpc.pb.h"
#include "services/offre/api/request_context.h"
#include "services/offre/app/etablissement_scopes.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/app/organisation_handler.h"

namespace ror::offre::api {

// ror.v1.OrganisationService: gRPC glue only. Reads (GetOrganisation, GetEtablissementTree)
// show the caller what the access function lets him see: contacts and MSSanté addresses by their
// level, the offres of the tree he may see.
class OrganisationGrpcService final : public v1::OrganisationService::Service {
 public:
  // `offres` (may be null) puts "Mes offres" in the trees. `scopes` (may be null: then only the
  // EG's number is known, see app::EtablissementScopes) places an organisation's EG for
  // GetOrganisation. `hooks` name the caller of each call and take note of each write; none:
  // every caller is anonymous.
  explicit OrganisationGrpcService(app::OrganisationHandler& handler,
                                   const app::OffreIndex* offres = nullptr,
                                   app::EtablissementScopes* scopes = nullptr,
                                   CallHooks hooks = {})
      : handler_(handler), offres_(offres), scopes_(scopes), hooks_(std::move(hooks)) {}

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
  app::EtablissementScopes* const scopes_;
  const CallHooks hooks_;
};

v1::Organisation ToProto(const domain::OrganisationState& state);

// `organisation` without the contacts, telecoms and MSSanté address `viewer` may not see. An
// organisation has no champ d'activité (the narrowest answer of profile 3) and no level on its
// MSSanté address (then "très restreint": a level nobody set is not a permission).
v1::Organisation VisibleOrganisation(const authz::Viewer& viewer, v1::Organisation organisation);

}  // namespace ror::offre::api
