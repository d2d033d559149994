#pragma once

// The command loop of every auth aggregate (DESIGN §2): load the stream, decide, append at the
// expected version; on a version conflict reload and decide again, at most kMaxCommandRetries
// times.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/event_store.h"
#include "ror/v1/types.pb.h"
#include "services/auth/app/event_codec.h"

namespace ror::auth::app {

inline constexpr int kMaxCommandRetries = 3;

// Who asks; copied into every event envelope. Never an e-mail.
struct CommandContext {
  std::string request_id;      // idempotency key; empty: a fresh one
  std::string correlation_id;  // empty: the request id
  v1::Actor actor;
};

// The state of `stream_id` from its events (the empty state when the stream does not exist).
template <typename State, typename Event>
absl::StatusOr<State> LoadState(eventstore::EventStore& store, absl::string_view stream_id) {
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes =
      store.ReadStream(stream_id, 1, SIZE_MAX);
  if (absl::IsNotFound(envelopes.status())) return State{};
  if (!envelopes.ok()) return envelopes.status();
  State state;
  for (const v1::EventEnvelope& envelope : *envelopes) {
    ASSIGN_OR_RETURN(Event event, DecodeEvent<Event>(envelope));
    state = Evolve(std::move(state), event);
  }
  return state;
}

template <typename State, typename Event>
struct Outcome {
  State before;
  State after;
  std::vector<Event> events;  // what this command appended (empty: a no-op or a retried request)
};

// Runs `decide(state) -> StatusOr<std::vector<Event>>` on `stream_id`.
template <typename State, typename Event, typename Decide>
absl::StatusOr<Outcome<State, Event>> RunCommand(eventstore::EventStore& store, const Clock& clock,
                                                 IdGenerator& ids, const std::string& stream_id,
                                                 const CommandContext& ctx, Decide decide) {
  const std::string request_id = ctx.request_id.empty() ? ids.NewId() : ctx.request_id;
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(State state, (LoadState<State, Event>(store, stream_id)));
    ASSIGN_OR_RETURN(std::vector<Event> events, decide(state));
    if (events.empty()) return Outcome<State, Event>{state, state, {}};
    std::vector<v1::EventEnvelope> envelopes;
    for (const Event& event : events) {
      v1::EventEnvelope envelope = EncodeEvent(event);
      envelope.set_event_id(ids.NewId());
      *envelope.mutable_occurred_at() = ToProtoTimestamp(clock.Now());
      *envelope.mutable_actor() = ctx.actor;
      envelope.set_correlation_id(ctx.correlation_id.empty() ? request_id : ctx.correlation_id);
      envelope.set_causation_id(request_id);
      envelopes.push_back(std::move(envelope));
    }
    absl::StatusOr<eventstore::AppendResult> appended =
        store.Append(stream_id, state.version, std::move(envelopes), request_id);
    if (appended.ok()) {
      if (appended->deduplicated) {
        ASSIGN_OR_RETURN(State after, (LoadState<State, Event>(store, stream_id)));
        return Outcome<State, Event>{std::move(state), std::move(after), {}};
      }
      // Stream ids only: never an e-mail or a token in the logs.
      log::Info("events appended",
                {{"stream_id", stream_id}, {"version", absl::StrCat(appended->last_version)}});
      State after = state;
      for (const Event& event : events) after = Evolve(std::move(after), event);
      return Outcome<State, Event>{std::move(state), std::move(after), std::move(events)};
    }
    if (!absl::IsAborted(appended.status()) || attempt == kMaxCommandRetries) {
      return appended.status();
    }
  }
}

}  // namespace ror::auth::app
