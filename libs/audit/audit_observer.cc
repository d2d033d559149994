#include "libs/audit/audit_observer.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/support/status.h"
#include "libs/authz/principal.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"

namespace ror::audit {
namespace {

// A fixed text per code. Never the status message: handlers write it freely and it may echo a
// name, an e-mail or a phone number from the request, which a record kept a year and impossible
// to edit (the chain) must not hold.
const char* OutcomeMessage(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "réussi";
    case grpc::StatusCode::CANCELLED: return "annulé par l'appelant";
    case grpc::StatusCode::INVALID_ARGUMENT: return "requête invalide";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "délai dépassé";
    case grpc::StatusCode::NOT_FOUND: return "introuvable";
    case grpc::StatusCode::ALREADY_EXISTS: return "existe déjà";
    case grpc::StatusCode::PERMISSION_DENIED: return "accès refusé";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "service surchargé";
    case grpc::StatusCode::FAILED_PRECONDITION: return "refusé par une règle de gestion";
    case grpc::StatusCode::ABORTED: return "conflit de mise à jour";
    case grpc::StatusCode::UNAUTHENTICATED: return "authentification refusée";
    case grpc::StatusCode::UNAVAILABLE: return "service indisponible";
    case grpc::StatusCode::UNIMPLEMENTED: return "opération inconnue";
    default: return "erreur";
  }
}

v1::Actor ActorOfCaller(const absl::StatusOr<authz::Principal>& caller) {
  if (caller.ok()) return authz::ActorOf(*caller);
  // A refused token names nobody we can trust: its claims were not verified.
  v1::Actor actor;
  actor.set_kind(v1::Actor::KIND_UNSPECIFIED);
  actor.set_subject("unauthenticated");
  return actor;
}

}  // namespace

v1::AuditRecord RecordOfCall(const authz::CallState& call, const grpc::Status& status,
                             absl::Time now) {
  v1::AuditRecord record;
  *record.mutable_recorded_at() = ToProtoTimestamp(now);
  *record.mutable_actor() = ActorOfCaller(call.caller);
  record.set_method(call.method);
  record.set_stream_id(call.stream_id);
  record.set_stream_version(call.stream_version);
  record.set_request_id(call.request_id);
  record.set_peer(call.peer);
  const grpc::StatusCode code = status.error_code();
  record.set_outcome_code(static_cast<int32_t>(code));
  record.set_outcome(absl::StatusCodeToString(static_cast<absl::StatusCode>(code)));
  record.set_outcome_message(OutcomeMessage(code));
  return record;
}

AuditObserver::AuditObserver(AuditLog& log, const Clock& clock, IsStateChanging is_state_changing)
    : log_(log), clock_(clock), is_state_changing_(std::move(is_state_changing)) {}

AuditObserver::AuditObserver(AuditLog& log, const Clock& clock,
                             absl::flat_hash_set<std::string> methods)
    : AuditObserver(log, clock, [methods = std::move(methods)](absl::string_view method) {
        return methods.contains(method);
      }) {}

void AuditObserver::CallEnded(const authz::CallState& call, const grpc::Status& status) {
  if (!is_state_changing_(call.method)) return;
  absl::StatusOr<v1::AuditRecord> stored = log_.Append(RecordOfCall(call, status, clock_.Now()));
  if (stored.ok()) return;
  // Loud, but the call's status stays as the handler made it: by now its write is committed (or
  // refused) in the event store, and turning an applied command into an error would make the
  // client retry something that already happened. The loss shows as this error line, which
  // names the call (never its caller's personal data) so the record can be reconstructed.
  log::Error("AUDIT RECORD LOST: the call ended but its audit record could not be written",
             {{"method", call.method},
              {"stream_id", call.stream_id},
              {"stream_version", absl::StrCat(call.stream_version)},
              {"request_id", call.request_id},
              {"outcome", absl::StatusCodeToString(
                              static_cast<absl::StatusCode>(status.error_code()))},
              {"error", stored.status().ToString()}});
}

}  // namespace ror::audit
