#include "services/auth/api/proto_mapping.h"

#include <array>
#include <utility>

#include "libs/common/proto_time.h"
#include "services/auth/domain/grants.h"

namespace ror::auth::api {
namespace {

constexpr std::array<std::pair<v1::Grant::Role, authz::Role>, 5> kRoles = {{
    {v1::Grant::ROLE_REFERENT_ROR, authz::Role::kReferentRor},
    {v1::Grant::ROLE_RESPONSABLE_OFFRE, authz::Role::kResponsableOffre},
    {v1::Grant::ROLE_REGULATEUR, authz::Role::kRegulateur},
    {v1::Grant::ROLE_GESTIONNAIRE_CRISE, authz::Role::kGestionnaireCrise},
    {v1::Grant::ROLE_ADMINISTRATEUR, authz::Role::kAdministrateur},
}};

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  if (t != absl::InfinitePast()) *out = ToProtoTimestamp(t);
}

}  // namespace

domain::AccountGrant FromProto(const v1::Grant& grant) {
  domain::AccountGrant out;
  for (const auto& [proto, role] : kRoles) {
    if (proto == grant.role()) out.set_role(authz::RoleName(role));
  }
  if (grant.role() != v1::Grant::ROLE_UNSPECIFIED && out.role().empty()) {
    out.set_role("inconnu");  // a number this build does not know: refused by the domain
  }
  out.set_region(grant.region());
  *out.mutable_finess_ej() = grant.finess_ej();
  *out.mutable_finess_eg() = grant.finess_eg();
  return out;
}

v1::Grant ToProto(const domain::AccountGrant& grant) {
  v1::Grant out;
  const std::optional<authz::Role> role = authz::RoleFromName(grant.role());
  for (const auto& [proto, known] : kRoles) {
    if (role.has_value() && known == *role) out.set_role(proto);
  }
  out.set_region(grant.region());
  *out.mutable_finess_ej() = grant.finess_ej();
  *out.mutable_finess_eg() = grant.finess_eg();
  return out;
}

v1::Account ToProto(const domain::AccountState& account) {
  v1::Account out;
  out.set_account_id(account.account_id);
  out.set_email(account.email);
  out.set_prenom(account.prenom);
  out.set_nom(account.nom);
  out.set_has_password(account.has_password());
  out.set_disabled(account.disabled);
  for (const domain::AccountGrant& grant : account.grants) *out.add_grants() = ToProto(grant);
  SetTime(account.created_at, out.mutable_created_at());
  SetTime(account.last_login_at, out.mutable_last_login_at());
  out.set_psc_linked(!account.psc_subject.empty());
  return out;
}

v1::AccountRequest ToProto(const domain::AccountRequestState& state) {
  v1::AccountRequest out;
  const auto& r = state.request;
  out.set_account_request_id(r.account_request_id());
  out.set_email(r.email());
  out.set_prenom(r.prenom());
  out.set_nom(r.nom());
  out.set_finess_etablissement(r.finess_etablissement());
  out.set_motif(r.motif());
  switch (state.decision) {
    case domain::AccountRequestDecided::DECISION_APPROVED:
      out.set_status(v1::AccountRequest::STATUS_APPROVED);
      break;
    case domain::AccountRequestDecided::DECISION_REJECTED:
      out.set_status(v1::AccountRequest::STATUS_REJECTED);
      break;
    default:
      out.set_status(v1::AccountRequest::STATUS_SUBMITTED);
  }
  out.set_decision_motif(state.decision_motif);
  out.set_account_id(state.account_id);
  *out.mutable_requested_at() = r.requested_at();
  SetTime(state.decided_at, out.mutable_decided_at());
  return out;
}

}  // namespace ror::auth::api
