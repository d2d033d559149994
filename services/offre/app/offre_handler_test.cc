#include "services/offre/app/offre_handler.h"

#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/forwarding_event_store.h"
#include "libs/eventstore/memory_event_store.h"
#include "services/offre/app/offre_app_testing.h"
#include "services/offre/app/offre_codec.h"

namespace ror::offre::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

// Forwards to a MemoryEventStore; the first `conflicts` appends are refused as if another writer
// had just moved the stream (ABORTED with the current version).
class ConflictingStore final : public eventstore::ForwardingEventStore {
 public:
  ConflictingStore(eventstore::EventStore& inner, int conflicts)
      : ForwardingEventStore(inner), conflicts_(conflicts) {}

  absl::StatusOr<eventstore::AppendResult> Append(absl::string_view stream_id, int64_t expected,
                                                  std::vector<v1::EventEnvelope> events,
                                                  absl::string_view request_id) override {
    ++appends;
    if (conflicts_ > 0) {
      --conflicts_;
      return eventstore::CheckExpectedVersion(stream_id, expected, expected + 1);
    }
    return inner().Append(stream_id, expected, std::move(events), request_id);
  }

  int appends = 0;

 private:
  int conflicts_;
};

using fixtures::Cardiologie;
using fixtures::TestContext;

class OffreHandlerTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  IdGenerator ids_{clock_, 1};
  eventstore::MemoryEventStore store_{clock_};
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  OffreHandler handler_{store_, codes_, fixtures::RepositoryModeles(), clock_, ids_};
};

TEST_F(OffreHandlerTest, CreatesThenGetsAnOffre) {
  ASSERT_OK_AND_ASSIGN(domain::OffreState created,
                       handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  EXPECT_TRUE(IsUuid(created.offre_id));
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.created_at, clock_.Now());
  ASSERT_OK_AND_ASSIGN(domain::OffreState got, handler_.GetOffre(created.offre_id));
  EXPECT_EQ(got.shown().nom(), "HC Cardiologie");
  EXPECT_EQ(got.shown().champ_activite(), "01");
  EXPECT_EQ(got.finess_eg, "350000741");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.created_at, created.created_at);
}

TEST_F(OffreHandlerTest, RecordsOneOffreCreatedWithItsEnvelope) {
  CommandContext ctx = TestContext("r1");
  ctx.correlation_id = "c1";
  ctx.traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  ASSERT_OK_AND_ASSIGN(domain::OffreState created, handler_.CreateOffre(Cardiologie(), ctx));
  ASSERT_OK_AND_ASSIGN(auto events, store_.ReadAll(1, 10));
  ASSERT_EQ(events.size(), 1u);
  const v1::EventEnvelope& e = events[0];
  EXPECT_EQ(e.event_type(), "OffreCreated");
  EXPECT_EQ(e.schema_version(), 1);
  EXPECT_EQ(e.stream_id(), "offre-" + created.offre_id);
  EXPECT_EQ(e.stream_version(), 1);
  EXPECT_EQ(e.request_id(), "r1");
  EXPECT_EQ(e.correlation_id(), "c1");
  EXPECT_EQ(e.causation_id(), "r1");
  EXPECT_EQ(e.traceparent(), ctx.traceparent);
  EXPECT_EQ(e.actor().kind(), v1::Actor::KIND_SYSTEM);
  EXPECT_EQ(e.actor().subject(), "test");
  EXPECT_EQ(e.occurred_at().seconds(), absl::ToUnixSeconds(clock_.Now()));
  ASSERT_OK_AND_ASSIGN(domain::Event event, Decode(e));
  EXPECT_EQ(std::get<domain::OffreCreated>(event).nom(), "HC Cardiologie");
}

TEST_F(OffreHandlerTest, DropsAMalformedTraceparentAndDefaultsTheCorrelation) {
  CommandContext ctx = TestContext("r1");
  ctx.traceparent = "not-a-trace";
  ASSERT_OK(handler_.CreateOffre(Cardiologie(), ctx).status());
  ASSERT_OK_AND_ASSIGN(auto events, store_.ReadAll(1, 10));
  EXPECT_EQ(events[0].traceparent(), "");
  EXPECT_EQ(events[0].correlation_id(), "r1");
}

TEST_F(OffreHandlerTest, RetryWithTheSameRequestIdReturnsTheSameOffreAndWritesNothing) {
  ASSERT_OK_AND_ASSIGN(domain::OffreState first,
                       handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  clock_.Advance(absl::Seconds(3));
  ASSERT_OK_AND_ASSIGN(domain::OffreState again,
                       handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  EXPECT_EQ(again.offre_id, first.offre_id);
  EXPECT_EQ(again.created_at, first.created_at);
  EXPECT_EQ(store_.HeadPosition(), 1u);
}

TEST_F(OffreHandlerTest, ConcurrentRetriesOfOneRequestCreateOneOffre) {
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto created = handler_.CreateOffre(Cardiologie(), TestContext("same"));
      ASSERT_OK(created.status());
      ids[i] = created->offre_id;
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_EQ(store_.HeadPosition(), 1u);
}

TEST_F(OffreHandlerTest, ReusingARequestIdForOtherValuesIsRefused) {
  ASSERT_OK(handler_.CreateOffre(Cardiologie(), TestContext("r1")).status());
  NewOffre other = Cardiologie();
  other.nom = "HJ Pédiatrie";
  EXPECT_THAT(handler_.CreateOffre(other, TestContext("r1")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("nouvelle clé")));
  NewOffre other_modele = Cardiologie();
  other_modele.modele_saisie = "139/01";
  EXPECT_THAT(handler_.CreateOffre(other_modele, TestContext("r1")),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("nouvelle clé")));
  EXPECT_EQ(store_.HeadPosition(), 1u);
}

TEST_F(OffreHandlerTest, ARetriedCreateFindsItsOffreEvenAfterEdits) {
  ASSERT_OK_AND_ASSIGN(auto created, handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  v1::OffreContent draft = created.draft.value();
  draft.set_nom("HC Cardiologie et rythmologie");
  ASSERT_OK(handler_.SaveDraft(created.offre_id, draft, 0, TestContext("r2")).status());
  ASSERT_OK_AND_ASSIGN(auto retried, handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  EXPECT_EQ(retried.offre_id, created.offre_id);
  EXPECT_EQ(retried.draft->nom(), "HC Cardiologie et rythmologie");
  EXPECT_EQ(store_.HeadPosition(), 2u);
}

TEST_F(OffreHandlerTest, DraftsGoThroughTheStore) {
  ASSERT_OK_AND_ASSIGN(auto created, handler_.CreateOffre(Cardiologie(), TestContext("c")));
  v1::OffreContent draft = created.draft.value();
  draft.set_type_offre("149");
  draft.set_mode_prise_en_charge("28");
  draft.add_activites_operationnelles("013");
  ASSERT_OK(handler_.SaveDraft(created.offre_id, draft, 3, TestContext("s")).status());
  ASSERT_OK_AND_ASSIGN(auto validated, handler_.ValidateDraft(created.offre_id, TestContext("v")));
  EXPECT_EQ(validated.published->type_offre(), "149");
  ASSERT_OK_AND_ASSIGN(auto read, handler_.GetOffre(created.offre_id));
  EXPECT_TRUE(read.published.has_value());
  EXPECT_FALSE(read.draft.has_value());
  EXPECT_EQ(read.version, 3);
  // The same validation retried writes nothing.
  ASSERT_OK(handler_.ValidateDraft(created.offre_id, TestContext("v")).status());
  EXPECT_EQ(store_.HeadPosition(), 3u);
  EXPECT_THAT(handler_.SaveDraft("not-a-uuid", draft, 0, TestContext("x")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("offre_id")));
}

TEST_F(OffreHandlerTest, WithoutRequestIdEveryCallCreates) {
  ASSERT_OK_AND_ASSIGN(auto a, handler_.CreateOffre(Cardiologie(), TestContext("")));
  ASSERT_OK_AND_ASSIGN(auto b, handler_.CreateOffre(Cardiologie(), TestContext("")));
  EXPECT_NE(a.offre_id, b.offre_id);
  EXPECT_EQ(store_.HeadPosition(), 2u);
}

TEST_F(OffreHandlerTest, BadInputWritesNothing) {
  EXPECT_THAT(
      handler_.CreateOffre(NewOffre{.nom = "", .champ_activite = "01", .finess_eg = "350000741"},
                           TestContext("r1")),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(handler_.CreateOffre(Cardiologie(), TestContext(std::string(201, 'x'))),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("request_id")));
  EXPECT_EQ(store_.HeadPosition(), 0u);
}

TEST_F(OffreHandlerTest, DecidesAgainAfterVersionConflicts) {
  ConflictingStore store(store_, /*conflicts=*/OffreHandler::kMaxRetries);
  OffreHandler handler(store, codes_, fixtures::RepositoryModeles(), clock_, ids_);
  ASSERT_OK(handler.CreateOffre(Cardiologie(), TestContext("r1")).status());
  EXPECT_EQ(store.appends, OffreHandler::kMaxRetries + 1);
  EXPECT_EQ(store_.HeadPosition(), 1u);
}

TEST_F(OffreHandlerTest, GivesUpAfterThreeRetries) {
  ConflictingStore store(store_, /*conflicts=*/100);
  OffreHandler handler(store, codes_, fixtures::RepositoryModeles(), clock_, ids_);
  EXPECT_THAT(handler.CreateOffre(Cardiologie(), TestContext("r1")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(store.appends, OffreHandler::kMaxRetries + 1);
  EXPECT_EQ(store_.HeadPosition(), 0u);
}

TEST_F(OffreHandlerTest, AnUnwritableStoreRefusesWritesButStillReads) {
  ASSERT_OK_AND_ASSIGN(auto created, handler_.CreateOffre(Cardiologie(), TestContext("r1")));
  store_.FailWrites(absl::UnavailableError("disk full"));
  EXPECT_THAT(handler_.CreateOffre(Cardiologie(), TestContext("r2")),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_OK(handler_.GetOffre(created.offre_id).status());
}

TEST_F(OffreHandlerTest, GetNamesAMalformedIdAndReportsAnUnknownOne) {
  absl::StatusOr<domain::OffreState> bad = handler_.GetOffre("offre-42");
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  auto violations = GetBadRequest(bad.status());
  ASSERT_TRUE(violations.has_value());
  EXPECT_EQ(violations->field_violations(0).field(), "offre_id");
  EXPECT_THAT(handler_.GetOffre("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("introuvable")));
}

TEST(OffreCodecTest, UnknownEventTypesAndVersionsAreRefused) {
  v1::EventEnvelope e = Encode(domain::OffreCreated());
  EXPECT_EQ(e.event_type(), "OffreCreated");
  EXPECT_EQ(e.schema_version(), 1);
  EXPECT_OK(Decode(e).status());
  e.set_schema_version(2);
  EXPECT_THAT(Decode(e), StatusIs(absl::StatusCode::kFailedPrecondition));
  e.set_schema_version(1);
  e.set_payload("\xff\xff");
  EXPECT_THAT(Decode(e), StatusIs(absl::StatusCode::kDataLoss));
  e.set_event_type("OffreRenamed");
  EXPECT_THAT(Decode(e), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace ror::offre::app
