#pragma once

// The command loop of every event-sourced aggregate (DESIGN §2): load the stream, decide, append
// at the expected version with the command's request_id; on a version conflict (ABORTED) reload
// and decide again, at most kMaxCommandRetries times. A request_id the store saw before returns
// what the stream holds and writes nothing.
//
// Services differ only in what they pass in: how an envelope becomes a domain event (decode) and
// back (encode), and how an envelope is stamped with the command's context (stamp: actor,
// correlation and causation ids, event id, traceparent). Each service keeps its own command
// context and stamping function. The domain's Evolve is found by its types.

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/eventstore/event_store.h"
#include "ror/v1/envelope.pb.h"

namespace ror::eventstore {

inline constexpr int kMaxCommandRetries = 3;

// The state of `stream_id` from its events (the empty state when the stream does not exist).
// `decode(envelope) -> StatusOr<Event>` turns an envelope into a domain event.
template <typename State, typename Decode>
absl::StatusOr<State> LoadStream(EventStore& store, absl::string_view stream_id, Decode decode) {
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

template <typename State, typename Event>
struct CommandOutcome {
  State before;               // the state the command was decided on
  State after;                // the state it left
  std::vector<Event> events;  // what this command appended (empty: a no-op or a retried request)
};

// The event type a decider gives: `decide(state) -> StatusOr<std::vector<Event>>`.
template <typename State, typename Decide>
using DecidedEvent =
    typename std::invoke_result_t<Decide&, const State&>::value_type::value_type;

// The W3C trace id of a stamped envelope ("00-<trace id>-<span id>-<flags>"); empty without one.
inline absl::string_view TraceIdOf(const v1::EventEnvelope& envelope) {
  const absl::string_view traceparent = envelope.traceparent();
  if (traceparent.size() < 35) return {};
  return traceparent.substr(3, 32);
}

// Runs a command on `stream_id`: `decide(state)` gives the events, `encode(event)` their
// envelope (type, schema version, payload), and `stamp(request_id, event_id, envelope)` sets the
// command's context on it (a service binds its stamping function to the command's context:
// `std::bind_front(StampContext, std::cref(ctx))`). The loop sets occurred_at and draws each
// event id from `ids`.
template <typename State, typename Decide, typename Decode, typename Encode, typename Stamp,
          typename Event = DecidedEvent<State, Decide>>
absl::StatusOr<CommandOutcome<State, Event>> RunCommand(EventStore& store, const Clock& clock,
                                                        IdGenerator& ids,
                                                        const std::string& stream_id,
                                                        const std::string& request_id,
                                                        Decide decide, Decode decode,
                                                        Encode encode, Stamp stamp) {
  for (int attempt = 0;; ++attempt) {
    ASSIGN_OR_RETURN(State state, LoadStream<State>(store, stream_id, decode));
    ASSIGN_OR_RETURN(std::vector<Event> events, decide(state));
    if (events.empty()) return CommandOutcome<State, Event>{state, state, {}};

    const absl::Time now = clock.Now();
    std::vector<v1::EventEnvelope> envelopes;
    for (const Event& event : events) {
      v1::EventEnvelope envelope = encode(event);
      *envelope.mutable_occurred_at() = ToProtoTimestamp(now);
      stamp(request_id, ids.NewId(), envelope);
      envelopes.push_back(std::move(envelope));
    }
    const std::string first_event_id = envelopes.front().event_id();
    const std::string trace_id(TraceIdOf(envelopes.front()));
    absl::StatusOr<AppendResult> appended =
        store.Append(stream_id, state.version, std::move(envelopes), request_id);
    if (appended.ok()) {
      if (appended->deduplicated) {
        // A retry of a request that already went through: the stream holds the outcome.
        ASSIGN_OR_RETURN(State after, LoadStream<State>(store, stream_id, decode));
        return CommandOutcome<State, Event>{std::move(state), std::move(after), {}};
      }
      // Ids only: never an e-mail, a token or a contact's personal data in the logs.
      log::Info("events appended", {{"stream_id", stream_id},
                                    {"version", absl::StrCat(appended->last_version)},
                                    {"event_id", first_event_id},
                                    {"trace_id", trace_id}});
      State after = state;
      for (const Event& event : events) after = Evolve(std::move(after), event);
      return CommandOutcome<State, Event>{std::move(state), std::move(after), std::move(events)};
    }
    if (!absl::IsAborted(appended.status()) || attempt == kMaxCommandRetries) {
      return appended.status();
    }
    log::Info("version conflict, deciding again",
              {{"stream_id", stream_id}, {"attempt", absl::StrCat(attempt + 1)}});
  }
}

}  // namespace ror::eventstore
