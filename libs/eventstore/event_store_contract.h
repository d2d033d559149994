#pragma once

// The contract every EventStore honours. Instantiate with a fixture type that has
//   std::unique_ptr<EventStore> Open();  // opens (or reopens) the same store
// and INSTANTIATE_TYPED_TEST_SUITE_P(Name, EventStoreContract, FixtureType).

#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/event_store.h"

namespace ror::eventstore::testing {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

inline std::vector<v1::EventEnvelope> Events(std::initializer_list<std::string> payloads,
                                              std::string type = "ThingHappened") {
  std::vector<v1::EventEnvelope> out;
  for (const auto& p : payloads) {
    auto& e = out.emplace_back();
    e.set_event_type(type);
    e.set_payload(p);
  }
  return out;
}

inline std::vector<std::string> Payloads(const std::vector<v1::EventEnvelope>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.payload());
  return out;
}

template <typename Fixture>
class EventStoreContract : public ::testing::Test {
 protected:
  void SetUp() override { store_ = fixture_.Open(); }
  void Reopen() {
    store_.reset();
    store_ = fixture_.Open();
  }
  Fixture fixture_;
  std::unique_ptr<EventStore> store_;
};

TYPED_TEST_SUITE_P(EventStoreContract);

TYPED_TEST_P(EventStoreContract, KeepsPerStreamOrderAndStampsEnvelopes) {
  auto& store = *this->store_;
  ASSERT_OK_AND_ASSIGN(AppendResult first, store.Append("offre-a", kNoStream, Events({"a1", "a2"}), "r1"));
  EXPECT_EQ(first, (AppendResult{1, 2, 1, 2, false}));
  ASSERT_OK(store.Append("offre-b", kNoStream, Events({"b1"}), "r2").status());
  ASSERT_OK_AND_ASSIGN(AppendResult third, store.Append("offre-a", 2, Events({"a3"}), "r3"));
  EXPECT_EQ(third, (AppendResult{3, 3, 4, 4, false}));

  ASSERT_OK_AND_ASSIGN(auto a, store.ReadStream("offre-a", 1, SIZE_MAX));
  EXPECT_THAT(Payloads(a), ::testing::ElementsAre("a1", "a2", "a3"));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a[i].stream_id(), "offre-a");
    EXPECT_EQ(a[i].stream_version(), i + 1);
    EXPECT_FALSE(a[i].event_id().empty());
    EXPECT_TRUE(a[i].has_occurred_at());
    EXPECT_EQ(a[i].schema_version(), 1);
  }
  EXPECT_EQ(a[2].request_id(), "r3");
  ASSERT_OK_AND_ASSIGN(auto tail, store.ReadStream("offre-a", 2, 1));
  EXPECT_THAT(Payloads(tail), ::testing::ElementsAre("a2"));
  EXPECT_THAT(store.StreamVersion("offre-a"), ::ror::testing::IsOkAndHolds(3));
  EXPECT_THAT(store.StreamVersion("offre-zzz"), ::ror::testing::IsOkAndHolds(0));
}

TYPED_TEST_P(EventStoreContract, UnknownStreamIsNotFound) {
  EXPECT_THAT(this->store_->ReadStream("offre-nope", 1, SIZE_MAX),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("offre-nope")));
}

TYPED_TEST_P(EventStoreContract, ExpectedVersionConflictIsAbortedWithCurrentVersion) {
  auto& store = *this->store_;
  ASSERT_OK(store.Append("offre-a", kNoStream, Events({"a1", "a2"}), "r1").status());
  auto stale = store.Append("offre-a", 1, Events({"x"}), "r2");
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted, HasSubstr("current version 2")));
  EXPECT_EQ(ConflictCurrentVersion(stale.status()), 2);
  EXPECT_THAT(store.Append("offre-a", kNoStream, Events({"x"}), "r3"),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_THAT(store.Append("offre-new", 4, Events({"x"}), "r4"),
              StatusIs(absl::StatusCode::kAborted, HasSubstr("current version 0")));
  ASSERT_OK_AND_ASSIGN(auto a, store.ReadStream("offre-a", 1, SIZE_MAX));
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(store.HeadPosition(), 2u);
  ASSERT_OK(store.Append("offre-a", kAnyVersion, Events({"a3"}), "r5").status());
  EXPECT_EQ(store.HeadPosition(), 3u);
}

TYPED_TEST_P(EventStoreContract, RetryWithSameRequestIdReturnsFirstOutcomeAndWritesNothing) {
  auto& store = *this->store_;
  ASSERT_OK_AND_ASSIGN(AppendResult first, store.Append("offre-a", kNoStream, Events({"a1"}), "req-1"));
  // The retry would conflict on version if it were decided again: it must not be.
  ASSERT_OK_AND_ASSIGN(AppendResult retry, store.Append("offre-a", kNoStream, Events({"a1"}), "req-1"));
  EXPECT_TRUE(retry.deduplicated);
  retry.deduplicated = false;
  EXPECT_EQ(retry, first);
  EXPECT_EQ(store.HeadPosition(), 1u);
  EXPECT_THAT(store.Append("offre-b", kNoStream, Events({"b1"}), "req-1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  // Where the first attempt went, for a handler whose retry targeted a new stream.
  ASSERT_OK_AND_ASSIGN(std::optional<RequestOutcome> found, store.FindRequest("req-1"));
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->stream_id, "offre-a");
  EXPECT_EQ(found->result, first);
  ASSERT_OK_AND_ASSIGN(std::optional<RequestOutcome> unknown, store.FindRequest("req-never"));
  EXPECT_FALSE(unknown.has_value());
  this->Reopen();
  ASSERT_OK_AND_ASSIGN(AppendResult after_reopen,
                       this->store_->Append("offre-a", kAnyVersion, Events({"a1"}), "req-1"));
  EXPECT_TRUE(after_reopen.deduplicated);
  EXPECT_EQ(this->store_->HeadPosition(), 1u);
}

TYPED_TEST_P(EventStoreContract, ConcurrentRetriesOfOneRequestWriteOnce) {
  auto& store = *this->store_;
  std::vector<std::thread> threads;
  std::atomic<int> written{0}, deduplicated{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto r = store.Append("offre-a", kAnyVersion, Events({"x"}), "same");
      ASSERT_TRUE(r.ok()) << r.status();
      (r->deduplicated ? deduplicated : written)++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(written.load(), 1);
  EXPECT_EQ(deduplicated.load(), 7);
  EXPECT_EQ(store.HeadPosition(), 1u);
}

TYPED_TEST_P(EventStoreContract, GlobalOrderHasNoGapsUnderConcurrency) {
  auto& store = *this->store_;
  constexpr int kThreads = 8, kPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto r = store.Append("offre-" + std::to_string(t % 3), kAnyVersion,
                              Events({std::to_string(t) + ":" + std::to_string(i), "second"}),
                              "t" + std::to_string(t) + "-" + std::to_string(i));
        ASSERT_TRUE(r.ok()) << r.status();
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_OK_AND_ASSIGN(auto all, store.ReadAll(1, SIZE_MAX));
  ASSERT_EQ(all.size(), size_t{kThreads * kPerThread * 2});
  std::map<std::string, int64_t> versions;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].global_position(), i + 1);
    EXPECT_EQ(all[i].stream_version(), ++versions[all[i].stream_id()]);
  }
  // Each append's two events sit side by side in the global log.
  for (size_t i = 0; i < all.size(); i += 2) EXPECT_EQ(all[i + 1].payload(), "second");
  ASSERT_OK_AND_ASSIGN(auto page, store.ReadAll(11, 5));
  ASSERT_EQ(page.size(), 5u);
  EXPECT_EQ(page.front().global_position(), 11u);
}

TYPED_TEST_P(EventStoreContract, EverythingIsReadableAfterReopen) {
  ASSERT_OK(this->store_->Append("offre-a", kNoStream, Events({"a1", "a2"}), "r1").status());
  ASSERT_OK(this->store_->Append("lieu-b", kNoStream, Events({"b1"}), "r2").status());
  ASSERT_OK(this->store_->PutCheckpoint("relay", "2"));
  this->Reopen();
  auto& store = *this->store_;
  EXPECT_EQ(store.HeadPosition(), 3u);
  ASSERT_OK_AND_ASSIGN(auto a, store.ReadStream("offre-a", 1, SIZE_MAX));
  EXPECT_THAT(Payloads(a), ::testing::ElementsAre("a1", "a2"));
  ASSERT_OK_AND_ASSIGN(auto all, store.ReadAll(1, 10));
  EXPECT_THAT(Payloads(all), ::testing::ElementsAre("a1", "a2", "b1"));
  EXPECT_THAT(store.GetCheckpoint("relay"), ::ror::testing::IsOkAndHolds(std::optional<std::string>("2")));
  EXPECT_THAT(store.GetCheckpoint("other"), ::ror::testing::IsOkAndHolds(std::optional<std::string>()));
  ASSERT_OK_AND_ASSIGN(AppendResult next, store.Append("offre-a", 2, Events({"a3"}), "r3"));
  EXPECT_EQ(next.first_position, 4u);
}

TYPED_TEST_P(EventStoreContract, TailingWakesOnAppend) {
  auto& store = *this->store_;
  EXPECT_FALSE(store.WaitForPosition(1, absl::Milliseconds(20)));
  std::thread writer([&] {
    absl::SleepFor(absl::Milliseconds(30));
    ASSERT_OK(store.Append("offre-a", kNoStream, Events({"a1"}), "r1").status());
  });
  EXPECT_TRUE(store.WaitForPosition(1, absl::Seconds(10)));
  writer.join();
}

TYPED_TEST_P(EventStoreContract, BadInputNamesTheField) {
  auto& store = *this->store_;
  EXPECT_THAT(store.Append("", kNoStream, Events({"x"}), "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")));
  EXPECT_THAT(store.Append("Offre-1", kNoStream, Events({"x"}), "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")));
  EXPECT_THAT(store.Append("offre", kNoStream, Events({"x"}), "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stream_id")));
  EXPECT_THAT(store.Append("offre-1", -7, Events({"x"}), "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected_version")));
  EXPECT_THAT(store.Append("offre-1", kNoStream, {}, "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("events")));
  EXPECT_THAT(store.Append("offre-1", kNoStream, Events({"x"}, ""), "r"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("events[0].event_type")));
  EXPECT_THAT(store.Append("offre-1", kNoStream, Events({"x"}), ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(store.HeadPosition(), 0u);
  EXPECT_OK(store.Health());
}

REGISTER_TYPED_TEST_SUITE_P(EventStoreContract, KeepsPerStreamOrderAndStampsEnvelopes,
                            UnknownStreamIsNotFound,
                            ExpectedVersionConflictIsAbortedWithCurrentVersion,
                            RetryWithSameRequestIdReturnsFirstOutcomeAndWritesNothing,
                            ConcurrentRetriesOfOneRequestWriteOnce,
                            GlobalOrderHasNoGapsUnderConcurrency, EverythingIsReadableAfterReopen,
                            TailingWakesOnAppend, BadInputNamesTheField);

}  // namespace ror::eventstore::testing
