#pragma once

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/authz/principal.h"
#include "ror/v1/envelope.pb.h"
#include "ror/v1/types.pb.h"

namespace ror::offre::app {

// Who asks and under which keys; copied into every event envelope.
struct CommandContext {
  std::string request_id;      // idempotency key; empty: a fresh one (no retry protection)
  std::string correlation_id;  // empty (or longer than 200 bytes): the request_id
  std::string traceparent;     // W3C, kept only when well-formed
  v1::Actor actor;
  // Who asks, for the habilitation checks (libs/authz/habilitation.h). Unset only for callers
  // inside the process that the platform trusts (tests, tools linking the handlers): every gRPC
  // call sets it, to the anonymous principal when the call carried no token.
  std::optional<authz::Principal> caller = std::nullopt;
};

// OK when `ctx` has no caller (trusted) or its caller may change the data of `scope`;
// PERMISSION_DENIED (UNAUTHENTICATED for an anonymous caller) otherwise.
absl::Status CheckMayChange(const CommandContext& ctx, const authz::EtablissementScope& scope);
// The same for what concerns every establishment (FINESS imports): national administrateurs.
absl::Status CheckNationalAdministrateur(const CommandContext& ctx);

// INVALID_ARGUMENT naming request_id when it is longer than the store accepts.
absl::Status ValidateRequestId(absl::string_view request_id);

// Sets the envelope's actor, correlation and causation (the command's request_id), event id and
// traceparent (only a well-formed one). Bound to a context, the stamp of eventstore::RunCommand.
void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope);

}  // namespace ror::offre::app
