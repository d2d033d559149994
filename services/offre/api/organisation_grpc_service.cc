#include "services/offre/api/organisation_grpc_service.h"

#include <algorithm>
#include <map>

#include "libs/authz/access_viewer.h"
#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "services/offre/api/request_context.h"
#include "services/offre/app/organisation_codec.h"
#include "services/offre/app/offre_access.h"

namespace ror::offre::api {
namespace {

using OffresByOrganisation = std::map<std::string, std::vector<v1::OffreNode>>;

v1::OffreNode::Etat EtatOf(const app::OffreSummary& offre) {
  if (offre.closed_definitively) return v1::OffreNode::ETAT_FERMEE_DEFINITIVEMENT;
  if (offre.closed) return v1::OffreNode::ETAT_FERMEE_TEMPORAIREMENT;
  return offre.published ? v1::OffreNode::ETAT_PUBLIEE : v1::OffreNode::ETAT_BROUILLON;
}

// The EG's offres by organisation ("" for those on the EG itself), each list by nom. Offres
// closed for good are shown only with the closed organisations.
OffresByOrganisation OffresOf(const app::OffreIndex* index, absl::string_view finess_eg,
                              bool include_closed, const authz::Viewer& viewer) {
  OffresByOrganisation out;
  if (index == nullptr) return out;
  for (const app::OffreSummary& offre : index->OfEtablissement(finess_eg)) {
    if (offre.closed_definitively && !include_closed) continue;
    if (!app::MaySeeOffre(viewer, offre)) continue;  // absent, as if it did not exist
    v1::OffreNode node;
    node.set_offre_id(offre.offre_id);
    node.set_nom(offre.nom);
    node.set_type_offre(offre.type_offre);
    node.set_etat(EtatOf(offre));
    out[offre.organisation_id].push_back(std::move(node));
  }
  for (auto& [organisation, offres] : out) {
    std::sort(offres.begin(), offres.end(),
              [](const v1::OffreNode& a, const v1::OffreNode& b) { return a.nom() < b.nom(); });
  }
  return out;
}

void AddOffres(const OffresByOrganisation& offres, const std::string& organisation_id,
               google::protobuf::RepeatedPtrField<v1::OffreNode>& out) {
  if (auto it = offres.find(organisation_id); it != offres.end()) {
    for (const v1::OffreNode& offre : it->second) *out.Add() = offre;
  }
}

void AddNodes(const std::vector<domain::OrganisationNode>& nodes,
              const OffresByOrganisation& offres, const authz::Viewer& viewer,
              google::protobuf::RepeatedPtrField<v1::OrganisationNode>& out) {
  for (const domain::OrganisationNode& node : nodes) {
    v1::OrganisationNode& added = *out.Add();
    *added.mutable_organisation() = VisibleOrganisation(viewer, ToProto(node.organisation));
    AddNodes(node.children, offres, viewer, *added.mutable_children());
    AddOffres(offres, node.organisation.organisation_id, *added.mutable_offres());
  }
}

// Fills `response` with the organisation a command left, or says why there is none.
template <typename Response>
grpc::Status Reply(const absl::StatusOr<domain::OrganisationState>& state, Response* response) {
  if (!state.ok()) return server::ToGrpcStatus(state.status());
  *response->mutable_organisation() = ToProto(*state);
  return grpc::Status::OK;
}

// Runs a write for the caller of `context`, notes the stream and version it reached for the
// call's audit record, and replies with the organisation.
template <typename Run, typename Response>
grpc::Status Write(const CallHooks& hooks, grpc::ServerContext* context, std::string request_id,
                   Run run, Response* response) {
  absl::StatusOr<app::CommandContext> ctx = ContextOf(*context, std::move(request_id), hooks);
  if (!ctx.ok()) return server::ToGrpcStatus(ctx.status());
  absl::StatusOr<domain::OrganisationState> state = run(*ctx);
  if (state.ok()) {
    NoteWrite(hooks, *context, app::OrganisationStreamId(state->organisation_id), state->version,
              ctx->request_id);
  }
  return Reply(state, response);
}

}  // namespace

v1::Organisation ToProto(const domain::OrganisationState& state) {
  v1::Organisation out;
  out.set_organisation_id(state.organisation_id);
  out.set_type(state.type);
  out.set_nom(state.nom);
  out.set_finess_eg(state.finess_eg);
  out.set_parent_id(state.parent_id);
  out.set_boite_lettre_mss(state.boite_lettre_mss);
  *out.mutable_contacts() = state.contacts;
  out.set_closed(state.closed);
  out.set_version(state.version);
  *out.mutable_created_at() = ToProtoTimestamp(state.created_at);
  *out.mutable_updated_at() = ToProtoTimestamp(state.updated_at);
  if (state.closed) *out.mutable_closed_at() = ToProtoTimestamp(state.closed_at);
  return out;
}

v1::Organisation VisibleOrganisation(const authz::Viewer& viewer, v1::Organisation organisation) {
  *organisation.mutable_contacts() =
      app::VisibleContacts(viewer, authz::Champ::kUnknown, std::move(*organisation.mutable_contacts()));
  const authz::Datum mss{.champ = authz::Champ::kUnknown,
                         .field = authz::FieldClass::kTelecom,
                         .confidentialite = authz::ConfidentialiteOf("")};
  if (!authz::MaySee(viewer, mss)) organisation.clear_boite_lettre_mss();
  return organisation;
}

grpc::Status OrganisationGrpcService::CreateOrganisation(
    grpc::ServerContext* context, const v1::CreateOrganisationRequest* request,
    v1::CreateOrganisationResponse* response) {
  const app::NewOrganisation organisation{.finess_eg = request->finess_eg(),
                                          .parent_id = request->parent_id(),
                                          .type = request->type(),
                                          .nom = request->nom(),
                                          .boite_lettre_mss = request->boite_lettre_mss()};
  return Write(
      hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) { return handler_.Create(organisation, ctx); }, response);
}

grpc::Status OrganisationGrpcService::UpdateOrganisation(
    grpc::ServerContext* context, const v1::UpdateOrganisationRequest* request,
    v1::UpdateOrganisationResponse* response) {
  app::OrganisationChanges changes;
  if (request->has_nom()) changes.nom = request->nom();
  if (request->has_boite_lettre_mss()) changes.boite_lettre_mss = request->boite_lettre_mss();
  if (request->has_contacts()) changes.contacts = request->contacts().contacts();
  return Write(
      hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.Update(request->organisation_id(), changes, ctx);
      },
      response);
}

grpc::Status OrganisationGrpcService::CloseOrganisation(grpc::ServerContext* context,
                                                        const v1::CloseOrganisationRequest* request,
                                                        v1::CloseOrganisationResponse* response) {
  return Write(
      hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) { return handler_.Close(request->organisation_id(), ctx); },
      response);
}

grpc::Status OrganisationGrpcService::GetOrganisation(grpc::ServerContext* context,
                                                      const v1::GetOrganisationRequest* request,
                                                      v1::Organisation* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<domain::OrganisationState> state = handler_.Get(request->organisation_id());
  if (!state.ok()) return server::ToGrpcStatus(state.status());
  const authz::EtablissementScope scope =
      scopes_ != nullptr ? scopes_->Of(state->finess_eg) : app::ScopeOfNumber(state->finess_eg);
  *response = VisibleOrganisation(authz::ViewerFor(*caller, scope), ToProto(*state));
  return grpc::Status::OK;
}

grpc::Status OrganisationGrpcService::GetEtablissementTree(
    grpc::ServerContext* context, const v1::GetEtablissementTreeRequest* request,
    v1::EtablissementTree* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<app::EtablissementTree> tree =
      handler_.Tree(request->finess_eg(), request->include_closed());
  if (!tree.ok()) return server::ToGrpcStatus(tree.status());
  const v1::EtablissementFiche& fiche = tree->etablissement.fiche;
  response->set_finess_eg(fiche.finess_eg());
  response->set_finess_ej(fiche.finess_ej());
  response->set_raison_sociale(fiche.raison_sociale());
  const authz::Viewer viewer = authz::ViewerFor(*caller, app::ScopeOf(fiche));
  const OffresByOrganisation offres =
      OffresOf(offres_, fiche.finess_eg(), request->include_closed(), viewer);
  AddNodes(tree->organisations, offres, viewer, *response->mutable_organisations());
  AddOffres(offres, "", *response->mutable_offres());
  return grpc::Status::OK;
}

grpc::Status OrganisationGrpcService::GetBreadcrumb(grpc::ServerContext* context,
                                                    const v1::GetBreadcrumbRequest* request,
                                                    v1::Breadcrumb* response) {
  absl::StatusOr<std::vector<app::BreadcrumbStep>> steps =
      handler_.Breadcrumb(request->organisation_id());
  if (!steps.ok()) return server::ToGrpcStatus(steps.status());
  for (const app::BreadcrumbStep& step : *steps) {
    v1::BreadcrumbItem& item = *response->add_items();
    item.set_type(step.type);
    item.set_id(step.id);
    item.set_nom(step.nom);
  }
  return grpc::Status::OK;
}

}  // namespace ror::offre::api
