#include "services/auth/app/account_request_handler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/auth/app/auth_app_testing.h"

namespace ror::auth::app {
namespace {

using ::ror::testing::StatusIs;
using testing::AdminContext;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kPassword;
using ::testing::SizeIs;

constexpr char kEmail[] = "paul.martin@ch-fleyriat.fr";

class AccountRequestHandlerTest : public testing::AuthAppTest {
 protected:
  std::string Submit(std::string email = kEmail) {
    absl::StatusOr<std::string> id = app_->requests().Submit(
        domain::SubmitAccountRequest{.account_request_id = "",
                                     .email = std::move(email),
                                     .prenom = "Paul",
                                     .nom = "Martin",
                                     .finess_etablissement = "010000024",
                                     .motif = "cadre de santé, pôle cardiologie",
                                     .now = absl::InfinitePast()},
        {});
    EXPECT_TRUE(id.ok()) << id.status();
    return id.value_or("");
  }
};

TEST_F(AccountRequestHandlerTest, AnApprovalCreatesTheAccountAndMailsItsActivationLink) {
  const std::string id = Submit();
  ASSERT_OK_AND_ASSIGN(auto pending,
                       app_->requests().List(/*include_decided=*/false, NationalScope()));
  ASSERT_THAT(pending, SizeIs(1));
  EXPECT_EQ(pending[0].request.email(), kEmail);

  ASSERT_OK_AND_ASSIGN(auto decided,
                       app_->requests().Decide(id, true, "", AdminContext(), NationalScope()));
  EXPECT_EQ(decided.decision, domain::AccountRequestDecided::DECISION_APPROVED);
  EXPECT_EQ(decided.account_id, id);
  ASSERT_OK_AND_ASSIGN(auto account, app_->accounts().Get(id));
  EXPECT_FALSE(account.has_password());
  ASSERT_OK(app_->accounts().ResetPassword(mailer_.LastToken(kEmail), kPassword, {}));
  EXPECT_OK(app_->sessions().Login(kEmail, kPassword, {}));

  ASSERT_OK_AND_ASSIGN(pending, app_->requests().List(false, NationalScope()));
  EXPECT_THAT(pending, IsEmpty());
  ASSERT_OK_AND_ASSIGN(auto all, app_->requests().List(true, NationalScope()));
  EXPECT_THAT(all, SizeIs(1));
  // Approving again changes nothing; rejecting now is refused.
  EXPECT_OK(app_->requests().Decide(id, true, "", AdminContext(), NationalScope()));
  EXPECT_THAT(app_->requests().Decide(id, false, "non", AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(AccountRequestHandlerTest, ARejectionMailsItsMotif) {
  const std::string id = Submit();
  EXPECT_THAT(app_->requests().Decide(id, false, "", AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ASSERT_OK(app_->requests().Decide(id, false, "établissement hors région", AdminContext(),
                                    NationalScope()));
  ASSERT_THAT(mailer_.sent(), SizeIs(1));
  EXPECT_THAT(mailer_.sent()[0].body, HasSubstr("établissement hors région"));
  EXPECT_THAT(app_->accounts().Get(id), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AccountRequestHandlerTest, ARequestForAnEmailWithAnAccountCannotBeApproved) {
  ActiveAccount(kEmail);
  const std::string id = Submit(" PAUL.martin@ch-fleyriat.fr");  // accepted: says nothing
  EXPECT_THAT(app_->requests().Decide(id, true, "", AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kAlreadyExists));
  ASSERT_OK_AND_ASSIGN(auto pending, app_->requests().List(false, NationalScope()));
  EXPECT_THAT(pending, SizeIs(1));
}

TEST_F(AccountRequestHandlerTest, AnUnknownRequestIsNotFound) {
  EXPECT_THAT(app_->requests().Decide("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b", true, "",
                                      AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(app_->requests().Decide("12", true, "", AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace ror::auth::app
