#pragma once

// The command loop every aggregate of the service shares (DESIGN §2): load the stream, decide,
// append at the expected version with the command's request_id; on a version conflict reload and
// decide again, at most kMaxCommandRetries times. Aggregates differ only in their decider and
// codec.

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
#include "services/offre/app/command_context.h"

namespace ror::offre::app {

inline constexpr int kMaxCommandRetries = 3;

// The state of `stream_id` from its events (the empty state when the stream does not exist).
// `decode` turns an envelope into a domain event; the domain's Evolve is found by its types.
template <typename State, typename Decode>
absl::StatusOr<State> LoadStream(eventstore::EventStore& store, absl::string_view stream_id,
                                 Decode decode) {
  absl::StatusOr<std::vector<v1::EventEnvelope>> envelopes =
      store.ReadStream(stream_id, 1, SIZE_MAX);
  if (absl::IsNotFound(envelopes.status())) return State{};
  if (!envelopes.ok()) return envelopes.status();
  State state;
  for (const v1::EventEnvelope& envelope : *envelopes) {
    ASSIGN_OR_RETURN(auto event, decode(envelope));
    state = Evolve(std::move(state), event);
  }
  return state;
}

template <typename State>
struct CommandOutcome {
  State before;          // the state the command was decided on
  State after;           // the state it left
  bool written = false;  // events were appended (not a no-op, not a retried request)
};

// Runs a command on `stream_id`. `decide(state)` gives the events; `encode(event)` their
// envelope. A request_id the store saw before returns what the stream holds, writing nothing.
template <typename State, typename Decide, typename Decode, typename Encode>
absl::StatusOr<CommandOutcome<State>> RunCommand(eventstore::EventStore& store, const Clock& clock,
                                                 IdGenerator& ids, const std::string& stream_id,
                                                 const std::string& request_id,
                                                 const CommandContext& ctx, Decide decide,
                                                 Decode decode, Encode encode) {
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(State state, LoadStream<State>(store, stream_id, decode));
    ASSIGN_OR_RETURN(auto events, decide(state));
    if (events.empty()) return CommandOutcome<State>{state, state, false};

    const absl::Time now = clock.Now();
    std::vector<v1::EventEnvelope> envelopes;
    for (const auto& event : events) {
      v1::EventEnvelope envelope = encode(event);
      *envelope.mutable_occurred_at() = ToProtoTimestamp(now);
      StampContext(ctx, request_id, ids.NewId(), envelope);
      envelopes.push_back(std::move(envelope));
    }
    const std::string first_event_id = envelopes.front().event_id();
    absl::StatusOr<eventstore::AppendResult> appended =
        store.Append(stream_id, state.version, std::move(envelopes), request_id);
    if (appended.ok()) {
      if (appended->deduplicated) {
        // A retry of a request that already went through: the stream holds the outcome.
        ASSIGN_OR_RETURN(State after, LoadStream<State>(store, stream_id, decode));
        return CommandOutcome<State>{std::move(state), std::move(after), false};
      }
      log::Info("events appended", {{"stream_id", stream_id},
                                    {"version", absl::StrCat(appended->last_version)},
                                    {"event_id", first_event_id},
                                    {"trace_id", TraceId(ctx)}});
      State after = state;
      for (const auto& event : events) after = Evolve(std::move(after), event);
      return CommandOutcome<State>{std::move(state), std::move(after), true};
    }
    if (!absl::IsAborted(appended.status()) || attempt == kMaxCommandRetries)
      return appended.status();
    log::Info("version conflict, deciding again",
              {{"stream_id", stream_id}, {"attempt", absl::StrCat(attempt + 1)}});
  }
}

}  // namespace ror::offre::app
