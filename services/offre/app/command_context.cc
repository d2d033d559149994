#include "services/offre/app/command_context.h"

#include "absl/strings/str_cat.h"
#include "libs/authz/habilitation.h"
#include "libs/common/field_violations.h"
#include "libs/eventstore/envelope_stamp.h"

namespace ror::offre::app {

absl::Status CheckMayChange(const CommandContext& ctx, const authz::EtablissementScope& scope) {
  if (!ctx.caller.has_value()) return absl::OkStatus();
  return authz::CheckMayChange(*ctx.caller, scope);
}

absl::Status CheckNationalAdministrateur(const CommandContext& ctx) {
  if (!ctx.caller.has_value()) return absl::OkStatus();
  return authz::CheckNationalAdministrateur(*ctx.caller);
}
namespace {

constexpr size_t kMaxRequestIdLength = 200;  // the store's limit

}  // namespace

absl::Status ValidateRequestId(absl::string_view request_id) {
  FieldViolations v;
  if (request_id.size() > kMaxRequestIdLength) {
    v.Add(
        "request_id", "max_length",
        absl::StrCat("la clé d'idempotence ne doit pas dépasser ", kMaxRequestIdLength, " octets"));
  }
  return v.ToStatus();
}

void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope) {
  eventstore::StampEnvelope(ctx.actor, ctx.correlation_id, ctx.traceparent, request_id, event_id,
                            envelope);
}

}  // namespace ror::offre::app
