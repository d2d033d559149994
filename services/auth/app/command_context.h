#pragma once

// Who asks an auth command, and how their context is stamped on the events it appends
// (libs/eventstore/command_loop.h).

#include <string>

#include "absl/strings/string_view.h"
#include "libs/common/ids.h"
#include "ror/v1/envelope.pb.h"
#include "ror/v1/types.pb.h"

namespace ror::auth::app {

// Who asks; copied into every event envelope. Never an e-mail.
struct CommandContext {
  std::string request_id;      // idempotency key; empty: a fresh one
  std::string correlation_id;  // empty (or longer than 200 bytes): the request id
  v1::Actor actor;
};

// The command's idempotency key: the context's, or a fresh one from `ids`.
std::string RequestIdOf(const CommandContext& ctx, IdGenerator& ids);

// Sets the envelope's actor, correlation (the context's, or the request_id), causation (the
// command's request_id) and event id. Bound to a context, the stamp of eventstore::RunCommand.
void StampContext(const CommandContext& ctx, absl::string_view request_id,
                  absl::string_view event_id, v1::EventEnvelope& envelope);

}  // namespace ror::auth::app
