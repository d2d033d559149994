#pragma once

// What the auth deciders' tests share: deciding with the idempotent re-run DESIGN §6 asks of every
// decider test, folding events into a state, reading violations.

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"

namespace ror::auth::domain::testing {

inline const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

// The state `events` produce from the empty one.
template <typename State, typename Event>
State Given(const std::vector<Event>& events) {
  State state;
  for (const Event& e : events) state = Evolve(std::move(state), e);
  return state;
}

// The events `command` yields on `state`; fails the test unless deciding the same command again on
// the state they produce yields no event.
template <typename State, typename Command>
auto Decided(const State& state, const Command& command)
    -> std::decay_t<decltype(*Decide(state, command))> {
  auto events = Decide(state, command);
  EXPECT_OK(events);
  if (!events.ok()) return {};
  State then = state;
  for (const auto& e : *events) then = Evolve(std::move(then), e);
  auto again = Decide(then, command);
  EXPECT_OK(again);
  if (again.ok()) {
    EXPECT_THAT(*again, ::testing::IsEmpty()) << "re-deciding must be a no-op";
  }
  return *std::move(events);
}

// The state after `command` on `state`, checked as Decided does.
template <typename State, typename Command>
State Apply(const State& state, const Command& command) {
  State then = state;
  for (const auto& e : Decided(state, command)) then = Evolve(std::move(then), e);
  return then;
}

// "field:rule" of each violation the BadRequest of `status` carries.
inline std::vector<std::string> Violations(const absl::Status& status) {
  std::vector<std::string> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.push_back(v.field() + ":" + v.rule());
  }
  return out;
}

}  // namespace ror::auth::domain::testing
