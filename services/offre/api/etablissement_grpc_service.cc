#include "services/offre/api/etablissement_grpc_service.h"

#include <type_traits>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/server/grpc_status.h"
#include "services/offre/api/request_context.h"

namespace ror::offre::api {
namespace {

v1::ImportOutcome::Kind ToProto(app::ImportKind kind) {
  switch (kind) {
    case app::ImportKind::kCreated:
      return v1::ImportOutcome::KIND_CREATED;
    case app::ImportKind::kUpdated:
      return v1::ImportOutcome::KIND_UPDATED;
    case app::ImportKind::kUnchanged:
      return v1::ImportOutcome::KIND_UNCHANGED;
  }
  return v1::ImportOutcome::KIND_UNSPECIFIED;
}

// Bad input concerns one fiche; anything else concerns the whole call.
bool ConcernsTheFiche(const absl::Status& status) {
  return absl::IsInvalidArgument(status) || absl::IsFailedPrecondition(status);
}

}  // namespace

namespace {

// Etablissement or EntiteJuridique from its aggregate's state: the same five fields.
template <typename Proto, typename State>
Proto RecordOf(const State& state) {
  Proto out;
  *out.mutable_fiche() = state.fiche;
  out.set_version(state.version);
  *out.mutable_created_at() = ToProtoTimestamp(state.created_at);
  *out.mutable_updated_at() = ToProtoTimestamp(state.updated_at);
  out.set_source(state.source);
  return out;
}

}  // namespace

v1::Etablissement ToProto(const domain::EtablissementState& state) {
  return RecordOf<v1::Etablissement>(state);
}

v1::EntiteJuridique ToProto(const domain::EntiteJuridiqueState& state) {
  return RecordOf<v1::EntiteJuridique>(state);
}

namespace {

// Imports each fiche of `request` with `import`, one outcome per fiche in request order, named
// by the fiche's FINESS number, `number_of` it (and in finess_eg for an EG, as before).
template <typename Request, typename NumberOf, typename Import>
grpc::Status ImportEach(grpc::ServerContext& context, const Request& request,
                        const CallHooks& hooks, v1::ImportEtablissementsResponse& response,
                        const NumberOf& number_of, const Import& import) {
  if (request.fiches_size() > EtablissementGrpcService::kMaxFichesPerImport) {
    FieldViolations v;
    v.Add("fiches", "max_items",
          absl::StrCat("au plus ", EtablissementGrpcService::kMaxFichesPerImport,
                       " fiches par appel (", request.fiches_size(), " reçues)"));
    return server::ToGrpcStatus(v.ToStatus());
  }
  absl::StatusOr<app::CommandContext> caller_ctx = ContextOf(context, "", hooks);
  if (!caller_ctx.ok()) return server::ToGrpcStatus(caller_ctx.status());
  for (const auto& fiche : request.fiches()) {
    v1::ImportOutcome& outcome = *response.add_outcomes();
    outcome.set_finess(number_of(fiche));
    if constexpr (std::is_same_v<Request, v1::ImportEtablissementsRequest>) {
      outcome.set_finess_eg(outcome.finess());
    }
    auto imported = import(fiche, *caller_ctx);
    if (imported.ok()) {
      outcome.set_kind(ToProto(imported->kind));
      continue;
    }
    if (!ConcernsTheFiche(imported.status())) {
      response.Clear();
      return server::ToGrpcStatus(imported.status());
    }
    outcome.set_kind(v1::ImportOutcome::KIND_REJECTED);
    if (std::optional<v1::BadRequest> bad = GetBadRequest(imported.status())) {
      *outcome.mutable_violations() = bad->field_violations();
    }
    outcome.set_error(std::string(imported.status().message()));
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status EtablissementGrpcService::ImportEtablissements(
    grpc::ServerContext* context, const v1::ImportEtablissementsRequest* request,
    v1::ImportEtablissementsResponse* response) {
  return ImportEach(
      *context, *request, hooks_, *response,
      [](const v1::EtablissementFiche& fiche) { return fiche.finess_eg(); },
      [&](const v1::EtablissementFiche& fiche, const app::CommandContext& ctx) {
        return handler_.Import(fiche, request->source(), ctx);
      });
}

grpc::Status EtablissementGrpcService::ImportEntitesJuridiques(
    grpc::ServerContext* context, const v1::ImportEntitesJuridiquesRequest* request,
    v1::ImportEtablissementsResponse* response) {
  return ImportEach(
      *context, *request, hooks_, *response,
      [](const v1::EntiteJuridiqueFiche& fiche) { return fiche.finess_ej(); },
      [&](const v1::EntiteJuridiqueFiche& fiche, const app::CommandContext& ctx) {
        return handler_.ImportEntiteJuridique(fiche, request->source(), ctx);
      });
}

grpc::Status EtablissementGrpcService::GetEtablissement(grpc::ServerContext* context,
                                                        const v1::GetEtablissementRequest* request,
                                                        v1::Etablissement* response) {
  absl::StatusOr<domain::EtablissementState> state = handler_.Get(request->finess_eg());
  if (!state.ok()) return server::ToGrpcStatus(state.status());
  *response = ToProto(*state);
  return grpc::Status::OK;
}

grpc::Status EtablissementGrpcService::GetEntiteJuridique(
    grpc::ServerContext* context, const v1::GetEntiteJuridiqueRequest* request,
    v1::EntiteJuridique* response) {
  absl::StatusOr<domain::EntiteJuridiqueState> state =
      handler_.GetEntiteJuridique(request->finess_ej());
  if (!state.ok()) return server::ToGrpcStatus(state.status());
  *response = ToProto(*state);
  return grpc::Status::OK;
}

}  // namespace ror::offre::api
