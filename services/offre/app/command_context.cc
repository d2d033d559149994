#include "services/offre/app/command_context.h"

#include "absl/strings/str_cat.h"
#include "libs/authz/habilitation.h"
#include "libs/common/field_violations.h"

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

constexpr size_t kMaxCorrelationIdLength = 200;
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

bool IsTraceparent(absl::string_view t) {
  if (t.size() != 55 || t[2] != '-' || t[35] != '-' || t[52] != '-') return false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (i == 2 || i == 35 || i == 52) continue;
    const char c = t[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope) {
  *envelope.mutable_actor() = ctx.actor;
  const bool own_correlation =
      !ctx.correlation_id.empty() && ctx.correlation_id.size() <= kMaxCorrelationIdLength;
  envelope.set_correlation_id(own_correlation ? ctx.correlation_id : std::string(request_id));
  envelope.set_causation_id(std::string(request_id));
  envelope.set_event_id(std::string(event_id));
  if (IsTraceparent(ctx.traceparent)) envelope.set_traceparent(ctx.traceparent);
}

}  // namespace ror::offre::app
