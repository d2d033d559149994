#include "services/auth/domain/account_request.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::ror::testing::StatusIs;
using testing::Apply;
using testing::Decided;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kNow;
using ::testing::SizeIs;
using testing::Violations;

SubmitAccountRequest Submission() {
  return SubmitAccountRequest{.account_request_id = "r1",
                              .email = "marie.durand@ch-fleyriat.fr",
                              .prenom = "Marie",
                              .nom = "Durand",
                              .finess_etablissement = "010000024",
                              .motif = "responsable des offres de cardiologie",
                              .now = kNow};
}

AccountRequestState Submitted() {
  return Apply(AccountRequestState{}, AccountRequestCommand{Submission()});
}

TEST(AccountRequestTest, GivenNothingWhenSubmittedThenItAwaitsADecision) {
  const AccountRequestState state = Submitted();
  EXPECT_TRUE(state.exists());
  EXPECT_FALSE(state.decided());
  EXPECT_EQ(state.request.finess_etablissement(), "010000024");
}

TEST(AccountRequestTest, ASubmissionNamesEveryBrokenRule) {
  SubmitAccountRequest bad = Submission();
  bad.email = "";
  bad.nom = "";
  bad.finess_etablissement = "01000002";
  bad.motif = "";
  EXPECT_THAT(Violations(Decide(AccountRequestState{}, AccountRequestCommand{bad}).status()),
              ElementsAre("email:required", "nom:required", "finess_etablissement:finess",
                          "motif:required"));
}

TEST(AccountRequestTest, AnApprovalNamesTheAccountItCreates) {
  const DecideAccountRequest approve{.approve = true, .motif = "", .account_id = "a1", .now = kNow};
  const auto events = Decided(Submitted(), AccountRequestCommand{approve});
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(std::get<AccountRequestDecided>(events[0]).account_id(), "a1");
  const AccountRequestState state = Apply(Submitted(), AccountRequestCommand{approve});
  EXPECT_THAT(Decide(state, AccountRequestCommand{DecideAccountRequest{
                                .approve = false, .motif = "non", .account_id = "", .now = kNow}}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(AccountRequestTest, ARejectionNeedsAMotif) {
  EXPECT_THAT(Violations(Decide(Submitted(),
                                AccountRequestCommand{DecideAccountRequest{
                                    .approve = false, .motif = " ", .account_id = "", .now = kNow}})
                             .status()),
              ElementsAre("motif:required"));
  const AccountRequestState state =
      Apply(Submitted(),
            AccountRequestCommand{DecideAccountRequest{
                .approve = false, .motif = "hors périmètre", .account_id = "", .now = kNow}});
  EXPECT_EQ(state.decision, AccountRequestDecided::DECISION_REJECTED);
  EXPECT_TRUE(state.account_id.empty());
}

TEST(AccountRequestTest, DecidingAnUnknownRequestIsNotFound) {
  EXPECT_THAT(Decide(AccountRequestState{}, AccountRequestCommand{DecideAccountRequest{}}),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Decided(Submitted(), AccountRequestCommand{Submission()}), IsEmpty());
}

}  // namespace
}  // namespace ror::auth::domain
