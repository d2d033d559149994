#include "services/offre/api/offre_grpc_service.h"

#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "services/offre/api/request_context.h"
#include "services/offre/app/offre_codec.h"

namespace ror::offre::api {

v1::Offre ToProto(const domain::OffreState& state) {
  v1::Offre offre;
  offre.set_offre_id(state.offre_id);
  offre.set_nom(state.shown().nom());
  offre.set_champ_activite(state.shown().champ_activite());
  offre.set_finess_eg(state.finess_eg);
  offre.set_organisation_id(state.organisation_id);
  offre.set_version(state.version);
  *offre.mutable_created_at() = ToProtoTimestamp(state.created_at);
  *offre.mutable_updated_at() = ToProtoTimestamp(state.updated_at);
  offre.set_published(state.published.has_value());
  if (state.published.has_value()) *offre.mutable_content() = *state.published;
  offre.set_draft_pending(state.draft.has_value());
  if (state.draft.has_value()) *offre.mutable_draft() = *state.draft;
  offre.set_origin_offre_id(state.origin_offre_id);
  offre.set_closed(state.closure.has_value());
  if (state.closure.has_value()) {
    offre.set_closed_definitively(state.closure->definitive);
    offre.set_reopening_date(state.closure->reopening_date);
  }
  return offre;
}

namespace {

grpc::Status Reply(const app::OffreHandler& handler,
                   const absl::StatusOr<domain::OffreState>& state, v1::Offre* response) {
  if (!state.ok()) return server::ToGrpcStatus(state.status());
  *response = ToProto(*state);
  for (std::string& warning : handler.Warnings(*state)) response->add_warnings(std::move(warning));
  return grpc::Status::OK;
}

// Runs a write for the caller of `context`, notes the stream and version it reached for the
// call's audit record, and replies with the offre.
template <typename Run>
grpc::Status Write(const app::OffreHandler& handler, const CallHooks& hooks,
                   grpc::ServerContext* context, std::string request_id, Run run,
                   v1::Offre* response) {
  absl::StatusOr<app::CommandContext> ctx = ContextOf(*context, std::move(request_id), hooks);
  if (!ctx.ok()) return server::ToGrpcStatus(ctx.status());
  absl::StatusOr<domain::OffreState> state = run(*ctx);
  if (state.ok()) {
    NoteWrite(hooks, *context, app::StreamId(state->offre_id), state->version, ctx->request_id);
  }
  return Reply(handler, state, response);
}

}  // namespace

grpc::Status OffreGrpcService::CreateOffre(grpc::ServerContext* context,
                                           const v1::CreateOffreRequest* request,
                                           v1::CreateOffreResponse* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.CreateOffre(app::NewOffre{.nom = request->nom(),
                                                  .champ_activite = request->champ_activite(),
                                                  .finess_eg = request->finess_eg(),
                                                  .organisation_id = request->organisation_id(),
                                                  .modele_saisie = request->modele_saisie()},
                                    ctx);
      },
      response->mutable_offre());
}

grpc::Status OffreGrpcService::GetOffre(grpc::ServerContext* context,
                                        const v1::GetOffreRequest* request, v1::Offre* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  return Reply(handler_, reads_.GetOffre(request->offre_id(), *caller), response);
}

grpc::Status OffreGrpcService::GetQualityReport(grpc::ServerContext* context,
                                                const v1::GetQualityReportRequest* request,
                                                v1::QualityReport* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<std::vector<app::OffreHandler::QualityFinding>> findings =
      reads_.QualityReport(request->finess_eg(), *caller);
  if (!findings.ok()) return server::ToGrpcStatus(findings.status());
  response->set_finess_eg(request->finess_eg());
  response->set_offres_checked(static_cast<int32_t>(findings->size()));
  for (const auto& finding : *findings) {
    for (const domain::Anomaly& anomaly : finding.anomalies) {
      v1::QualityAnomaly& out = *response->add_anomalies();
      out.set_offre_id(finding.offre.offre_id);
      out.set_nom(finding.offre.shown().nom());
      out.set_rule(anomaly.rule);
      out.set_description(anomaly.description);
    }
  }
  return grpc::Status::OK;
}

grpc::Status OffreGrpcService::ListModelesSaisie(grpc::ServerContext* context,
                                                 const v1::ListModelesSaisieRequest* request,
                                                 v1::ListModelesSaisieResponse* response) {
  absl::StatusOr<std::vector<const v1::ModeleSaisie*>> modeles =
      handler_.ModelesApplicables(request->finess_eg(), request->champ_activite());
  if (!modeles.ok()) return server::ToGrpcStatus(modeles.status());
  for (const v1::ModeleSaisie* modele : *modeles) *response->add_modeles() = *modele;
  return grpc::Status::OK;
}

grpc::Status OffreGrpcService::ListActionsEnAttente(grpc::ServerContext* context,
                                                    const v1::ListActionsEnAttenteRequest* request,
                                                    v1::ListActionsEnAttenteResponse* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<std::vector<app::OffreSummary>> pending = reads_.ActionsEnAttente(
      std::vector<std::string>(request->finess_eg().begin(), request->finess_eg().end()),
      *caller);
  if (!pending.ok()) return server::ToGrpcStatus(pending.status());
  for (const app::OffreSummary& offre : *pending) {
    v1::ActionEnAttente& out = *response->add_actions();
    out.set_offre_id(offre.offre_id);
    out.set_nom(offre.draft_nom);
    out.set_finess_eg(offre.finess_eg);
    out.set_organisation_id(offre.organisation_id);
    out.set_published(offre.published);
    *out.mutable_draft_saved_at() = ToProtoTimestamp(offre.draft_saved_at);
  }
  return grpc::Status::OK;
}

grpc::Status OffreGrpcService::ListOffresFermees(grpc::ServerContext* context,
                                                 const v1::ListOffresFermeesRequest* request,
                                                 v1::ListOffresFermeesResponse* response) {
  absl::StatusOr<authz::Principal> caller = CallerOf(hooks_.callers, context);
  if (!caller.ok()) return server::ToGrpcStatus(caller.status());
  absl::StatusOr<std::vector<app::OffreSummary>> closed =
      reads_.OffresFermees(request->finess_eg(), *caller);
  if (!closed.ok()) return server::ToGrpcStatus(closed.status());
  for (const app::OffreSummary& offre : *closed) {
    v1::OffreFermee& out = *response->add_offres();
    out.set_offre_id(offre.offre_id);
    out.set_nom(offre.nom);
    out.set_type_offre(offre.type_offre);
    out.set_organisation_id(offre.organisation_id);
    *out.mutable_closed_at() = ToProtoTimestamp(offre.updated_at);
  }
  return grpc::Status::OK;
}

grpc::Status OffreGrpcService::SaveDraft(grpc::ServerContext* context,
                                         const v1::SaveDraftRequest* request, v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.SaveDraft(request->offre_id(), request->draft(), request->step(), ctx,
                                  request->copy_monday_to_week());
      },
      response);
}

grpc::Status OffreGrpcService::ValidateDraft(grpc::ServerContext* context,
                                             const v1::ValidateDraftRequest* request,
                                             v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) { return handler_.ValidateDraft(request->offre_id(), ctx); },
      response);
}

grpc::Status OffreGrpcService::DiscardDraft(grpc::ServerContext* context,
                                            const v1::DiscardDraftRequest* request,
                                            v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) { return handler_.DiscardDraft(request->offre_id(), ctx); },
      response);
}

grpc::Status OffreGrpcService::DuplicateOffre(grpc::ServerContext* context,
                                              const v1::DuplicateOffreRequest* request,
                                              v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.DuplicateOffre(request->offre_id(), ctx);
      },
      response);
}

grpc::Status OffreGrpcService::CloseOffre(grpc::ServerContext* context,
                                          const v1::CloseOffreRequest* request,
                                          v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.CloseOffre(request->offre_id(), request->definitive(),
                                   request->reopening_date(), ctx);
      },
      response);
}

grpc::Status OffreGrpcService::ReopenOffre(grpc::ServerContext* context,
                                           const v1::ReopenOffreRequest* request,
                                           v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) { return handler_.ReopenOffre(request->offre_id(), ctx); },
      response);
}

grpc::Status OffreGrpcService::MoveOffre(grpc::ServerContext* context,
                                         const v1::MoveOffreRequest* request, v1::Offre* response) {
  return Write(
      handler_, hooks_, context, request->request_id(),
      [&](const app::CommandContext& ctx) {
        return handler_.MoveOffre(request->offre_id(), request->finess_eg(),
                                  request->organisation_id(), ctx);
      },
      response);
}

}  // namespace ror::offre::api
