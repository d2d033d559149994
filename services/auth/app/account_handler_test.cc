#include "services/auth/app/account_handler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "services/auth/app/auth_app_testing.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::app {
namespace {

using ::ror::testing::StatusIs;
using testing::AdminContext;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kPassword;
using ::testing::SizeIs;

class AccountHandlerTest : public testing::AuthAppTest {};

NewAccount Migrated(std::string email) {
  return NewAccount{.account_id = "",
                    .email = std::move(email),
                    .prenom = "Ervann",
                    .nom = "Andreo",
                    .grants = {},
                    .origin = domain::AccountCreated::ORIGIN_MIGRATED,
                    .account_request_id = ""};
}

TEST_F(AccountHandlerTest, EmailsAreUniqueWhateverTheirCase) {
  ASSERT_OK(app_->accounts().Create(Migrated("ervann.andreo@esante-occitanie.fr"), AdminContext(),
                                    NationalScope()));
  EXPECT_THAT(app_->accounts().Create(Migrated(" Ervann.ANDREO@esante-occitanie.fr"),
                                      AdminContext(), NationalScope()),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(AccountHandlerTest, AMigratedAccountIsActivatedThroughTheResetLink) {
  const std::string email = "ervann.andreo@esante-occitanie.fr";
  ASSERT_OK_AND_ASSIGN(domain::AccountState created,
                       app_->accounts().Create(Migrated(email), AdminContext(), NationalScope()));
  EXPECT_FALSE(created.has_password());
  app_->accounts().RequestPasswordReset(email, {});
  ASSERT_THAT(mailer_.sent(), SizeIs(1));
  EXPECT_EQ(mailer_.sent()[0].subject, "ROR : activez votre compte");
  const std::string token = mailer_.LastToken(email);
  ASSERT_OK(app_->accounts().ResetPassword(token, kPassword, {}));
  ASSERT_OK_AND_ASSIGN(domain::AccountState after, app_->accounts().Get(created.account_id));
  EXPECT_TRUE(after.has_password());
  // The link serves once.
  EXPECT_THAT(app_->accounts().ResetPassword(token, "Autre-Mot-De-Passe-1", {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(AccountHandlerTest, AResetLinkExpiresAfterOneHour) {
  const std::string email = "marie.durand@ch-fleyriat.fr";
  ActiveAccount(email);
  clock_.Advance(absl::Minutes(1));
  app_->accounts().RequestPasswordReset(email, {});
  const std::string token = mailer_.LastToken(email);
  clock_.Advance(absl::Minutes(59));
  // Still good at 59 minutes: the weak password is what is refused.
  EXPECT_THAT(app_->accounts().ResetPassword(token, "faible", {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
  clock_.Advance(absl::Minutes(1));
  EXPECT_THAT(app_->accounts().ResetPassword(token, "Nouveau-Mot-2026", {}),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expiré")));
}

TEST_F(AccountHandlerTest, AtMostOneLinkAMinute) {
  const std::string email = "marie.durand@ch-fleyriat.fr";
  ActiveAccount(email);
  const size_t before = mailer_.sent().size();
  clock_.Advance(absl::Minutes(1));
  app_->accounts().RequestPasswordReset(email, {});
  app_->accounts().RequestPasswordReset(email, {});
  EXPECT_EQ(mailer_.sent().size(), before + 1);
  clock_.Advance(absl::Minutes(1));
  app_->accounts().RequestPasswordReset(email, {});
  EXPECT_EQ(mailer_.sent().size(), before + 2);
}

TEST_F(AccountHandlerTest, AnUnknownEmailGetsNoMailAndTheCallerLearnsNothing) {
  app_->accounts().RequestPasswordReset("personne@example.fr", {});
  EXPECT_THAT(mailer_.sent(), IsEmpty());
}

TEST_F(AccountHandlerTest, AWeakPasswordNamesTheFieldAndTheRule) {
  const std::string email = "ervann.andreo@esante-occitanie.fr";
  ASSERT_OK(app_->accounts().Create(Migrated(email), AdminContext(), NationalScope()));
  app_->accounts().RequestPasswordReset(email, {});
  const absl::Status status =
      app_->accounts().ResetPassword(mailer_.LastToken(email), "ervann.andreo", {});
  EXPECT_THAT(domain::testing::Violations(status),
              ElementsAre("new_password:character_classes", "new_password:contains_email"));
  // The link is still good for a good password.
  EXPECT_OK(app_->accounts().ResetPassword(mailer_.LastToken(email), kPassword, {}));
}

TEST_F(AccountHandlerTest, ARegionalAdministrateurStaysInHisRegion) {
  const domain::AdminScope auvergne_rhone_alpes{.national = false, .regions = {"84"}};
  domain::AccountGrant national_admin;
  national_admin.set_role("administrateur");
  NewAccount admin = Migrated("admin@ror.example.fr");
  admin.grants = {national_admin};
  EXPECT_THAT(app_->accounts().Create(admin, AdminContext(), auvergne_rhone_alpes),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(domain::AccountState national,
                       app_->accounts().Create(admin, AdminContext(), NationalScope()));
  EXPECT_THAT(
      app_->accounts().Disable(national.account_id, "", AdminContext(), auvergne_rhone_alpes),
      StatusIs(absl::StatusCode::kPermissionDenied));

  ASSERT_OK_AND_ASSIGN(
      domain::AccountState user,
      app_->accounts().Create(Migrated("x@ch-fleyriat.fr"), AdminContext(), auvergne_rhone_alpes));
  domain::AccountGrant referent;
  referent.set_role("referent_ror");
  referent.set_region("84");
  EXPECT_OK(
      app_->accounts().GrantRole(user.account_id, referent, AdminContext(), auvergne_rhone_alpes));
  referent.set_region("11");
  EXPECT_THAT(
      app_->accounts().GrantRole(user.account_id, referent, AdminContext(), auvergne_rhone_alpes),
      StatusIs(absl::StatusCode::kPermissionDenied));
  // Bad input first: a malformed grant is reported as such whoever asks.
  referent.set_region("");
  EXPECT_THAT(
      app_->accounts().GrantRole(user.account_id, referent, AdminContext(), auvergne_rhone_alpes),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(AccountHandlerTest, AGarbledTokenIsRefused) {
  EXPECT_THAT(app_->accounts().ResetPassword("n'importe quoi", kPassword, {}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(AccountHandlerTest, TheBootstrapAdministrateurIsCreatedOnceWithItsActivationLink) {
  ASSERT_OK(app_->accounts().EnsureBootstrapAdministrateur("admin@ror.example.fr"));
  ASSERT_OK(app_->accounts().EnsureBootstrapAdministrateur("ADMIN@ror.example.fr"));
  ASSERT_THAT(mailer_.sent(), SizeIs(1));
  const std::string token = mailer_.LastToken("admin@ror.example.fr");
  ASSERT_OK(app_->accounts().ResetPassword(token, kPassword, {}));
  ASSERT_OK_AND_ASSIGN(auto tokens, app_->sessions().Login("admin@ror.example.fr", kPassword, {}));
  EXPECT_FALSE(tokens.access_token.empty());
}

TEST_F(AccountHandlerTest, TheBootstrapAdministrateurMayStartWithAGivenPasswordAndNoMail) {
  ASSERT_OK(app_->accounts().EnsureBootstrapAdministrateur("admin@ror.example.fr", kPassword));
  EXPECT_THAT(mailer_.sent(), SizeIs(0));
  ASSERT_OK_AND_ASSIGN(auto tokens, app_->sessions().Login("admin@ror.example.fr", kPassword, {}));
  EXPECT_FALSE(tokens.access_token.empty());
  // A password the rules refuse is refused here too, naming the field.
  EXPECT_THAT(app_->accounts().EnsureBootstrapAdministrateur("autre@ror.example.fr", "court"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace ror::auth::app
