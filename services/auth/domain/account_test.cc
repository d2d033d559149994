#include "services/auth/domain/account.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::ror::testing::StatusIs;
using testing::Apply;
using testing::Decided;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kNow;
using ::testing::SizeIs;
using testing::Violations;

constexpr char kId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";

AccountGrant Responsable(const char* finess_eg) {
  AccountGrant g;
  g.set_role("responsable_offre");
  g.add_finess_eg(finess_eg);
  return g;
}

AccountGrant Referent(const char* region) {
  AccountGrant g;
  g.set_role("referent_ror");
  g.set_region(region);
  return g;
}

CreateAccount Creation() {
  return CreateAccount{.account_id = kId,
                       .email = " Ervann.Andreo@esante-occitanie.fr ",
                       .prenom = "Ervann",
                       .nom = "Andreo",
                       .origin = AccountCreated::ORIGIN_MIGRATED,
                       .account_request_id = "",
                       .grants = {Referent("76")},
                       .now = kNow};
}

AccountState Created() { return Apply(AccountState{}, AccountCommand{Creation()}); }

AccountState Activated() {
  AccountState state =
      Apply(Created(),
            AccountCommand{RequestPasswordReset{
                .reset_token_hash = "reset-1", .expires_at = kNow + absl::Hours(1), .now = kNow}});
  return Apply(state, AccountCommand{SetPassword{
                          .reset_token_hash = "reset-1", .password_hash = "argon-1", .now = kNow}});
}

RecordLogin Attempt(std::string id, bool ok, absl::Time at) {
  return RecordLogin{.attempt_id = std::move(id), .password_ok = ok, .policy = {}, .now = at};
}

TEST(AccountTest, GivenNothingWhenCreatedThenItHasNoPasswordAndItsRoles) {
  const auto events = Decided(AccountState{}, AccountCommand{Creation()});
  ASSERT_THAT(events, SizeIs(2));
  const auto& created = std::get<AccountCreated>(events[0]);
  EXPECT_EQ(created.email(), "Ervann.Andreo@esante-occitanie.fr");
  EXPECT_EQ(created.origin(), AccountCreated::ORIGIN_MIGRATED);
  EXPECT_EQ(std::get<RoleGranted>(events[1]).grant().region(), "76");

  const AccountState state = Created();
  EXPECT_TRUE(state.exists());
  EXPECT_FALSE(state.has_password());
  EXPECT_THAT(state.grants, SizeIs(1));
  EXPECT_EQ(state.version, 2);
}

TEST(AccountTest, ANewAccountNamesEveryBrokenRule) {
  CreateAccount bad = Creation();
  bad.email = "pas-une-adresse";
  bad.prenom = " ";
  bad.nom = std::string(101, 'x');
  bad.grants = {Referent(""), Responsable("123")};
  EXPECT_THAT(Violations(Decide(AccountState{}, AccountCommand{bad}).status()),
              ElementsAre("email:format", "prenom:required", "nom:max_length",
                          "grants[0].region:required", "grants[1].finess_eg[0]:finess"));
}

TEST(AccountTest, GivenAnAccountWhenTheSameIdIsCreatedForAnotherEmailThenRefused) {
  CreateAccount other = Creation();
  other.email = "autre@example.fr";
  EXPECT_THAT(Decide(Created(), AccountCommand{other}), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST(AccountTest, GivenAResetLinkWhenThePasswordIsSetThenTheLinkIsUsedUp) {
  const AccountState state = Activated();
  EXPECT_TRUE(state.has_password());
  EXPECT_TRUE(state.reset_token_hash.empty());
  // The same link again, with another password: refused.
  EXPECT_THAT(
      Decide(state, AccountCommand{SetPassword{
                        .reset_token_hash = "reset-1", .password_hash = "argon-2", .now = kNow}}),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("lien")));
}

TEST(AccountTest, TheFirstPasswordIsAnActivation) {
  AccountState state = Apply(
      Created(), AccountCommand{RequestPasswordReset{
                     .reset_token_hash = "r", .expires_at = kNow + absl::Hours(1), .now = kNow}});
  const auto events = Decided(
      state,
      AccountCommand{SetPassword{.reset_token_hash = "r", .password_hash = "h", .now = kNow}});
  EXPECT_TRUE(std::get<PasswordSet>(events[0]).activation());
}

TEST(AccountTest, AnExpiredOrReplacedLinkIsRefused) {
  AccountState state = Apply(
      Created(), AccountCommand{RequestPasswordReset{
                     .reset_token_hash = "old", .expires_at = kNow + absl::Hours(1), .now = kNow}});
  EXPECT_THAT(Decide(state, AccountCommand{SetPassword{.reset_token_hash = "old",
                                                       .password_hash = "h",
                                                       .now = kNow + absl::Hours(1)}}),
              StatusIs(absl::StatusCode::kUnauthenticated));
  state = Apply(state, AccountCommand{RequestPasswordReset{.reset_token_hash = "new",
                                                           .expires_at = kNow + absl::Hours(2),
                                                           .now = kNow + absl::Minutes(30)}});
  EXPECT_THAT(Decide(state, AccountCommand{SetPassword{
                                .reset_token_hash = "old", .password_hash = "h", .now = kNow}}),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(AccountTest, GivenAnActiveAccountWhenTheRightPasswordIsGivenThenALoginIsRecorded) {
  const auto events = Decided(Activated(), AccountCommand{Attempt("s1", true, kNow)});
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(std::get<LoginSucceeded>(events[0]).session_id(), "s1");
}

TEST(AccountTest, AnAccountWithoutPasswordCannotLogIn) {
  EXPECT_THAT(Decide(Created(), AccountCommand{Attempt("s1", true, kNow)}),
              StatusIs(absl::StatusCode::kUnauthenticated, kBadCredentials));
}

TEST(AccountTest, FiveFailuresLockOneMinuteThenEachFurtherFailureDoublesTheLock) {
  AccountState state = Activated();
  absl::Time t = kNow;
  for (int i = 1; i <= 4; ++i) {
    state = Apply(state, AccountCommand{Attempt(absl::StrCat("f", i), false, t)});
    EXPECT_EQ(state.locked_until, absl::InfinitePast()) << i;
  }
  state = Apply(state, AccountCommand{Attempt("f5", false, t)});
  EXPECT_EQ(state.consecutive_failures, 5);
  EXPECT_EQ(state.locked_until, t + absl::Minutes(1));
  // While locked even the right password is refused, and nothing is recorded.
  EXPECT_THAT(Decide(state, AccountCommand{Attempt("ok", true, t + absl::Seconds(59))}),
              StatusIs(absl::StatusCode::kUnauthenticated, kBadCredentials));
  t += absl::Minutes(1);
  state = Apply(state, AccountCommand{Attempt("f6", false, t)});
  EXPECT_EQ(state.locked_until, t + absl::Minutes(2));
  t += absl::Minutes(2);
  state = Apply(state, AccountCommand{Attempt("f7", false, t)});
  EXPECT_EQ(state.locked_until, t + absl::Minutes(4));
  // Success once the lock is over resets the count.
  t += absl::Minutes(4);
  state = Apply(state, AccountCommand{Attempt("s", true, t)});
  EXPECT_EQ(state.consecutive_failures, 0);
  EXPECT_EQ(state.locked_until, absl::InfinitePast());
}

TEST(AccountTest, ASetPasswordLiftsTheLock) {
  AccountState state = Activated();
  for (int i = 1; i <= 5; ++i) {
    state = Apply(state, AccountCommand{Attempt(absl::StrCat("f", i), false, kNow)});
  }
  state = Apply(state,
                AccountCommand{RequestPasswordReset{
                    .reset_token_hash = "r2", .expires_at = kNow + absl::Hours(1), .now = kNow}});
  state = Apply(state, AccountCommand{SetPassword{
                           .reset_token_hash = "r2", .password_hash = "argon-2", .now = kNow}});
  EXPECT_EQ(state.locked_until, absl::InfinitePast());
  EXPECT_THAT(Decided(state, AccountCommand{Attempt("s", true, kNow)}), SizeIs(1));
}

TEST(AccountTest, GivenADisabledAccountThenOnlyTheRightPasswordLearnsIt) {
  const AccountState state =
      Apply(Activated(), AccountCommand{DisableAccount{.motif = "départ", .now = kNow}});
  EXPECT_TRUE(state.disabled);
  EXPECT_THAT(Decide(state, AccountCommand{Attempt("a", true, kNow)}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Decide(state, AccountCommand{Attempt("b", false, kNow)}),
              StatusIs(absl::StatusCode::kUnauthenticated, kBadCredentials));
  EXPECT_THAT(Decide(state, AccountCommand{RequestPasswordReset{
                                .reset_token_hash = "r", .expires_at = kNow, .now = kNow}}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(AccountTest, RolesAreGrantedOnceAndRevokedByTheirScope) {
  AccountState state =
      Apply(Created(), AccountCommand{GrantRole{.grant = Responsable(" 010000024"), .now = kNow}});
  EXPECT_THAT(state.grants, SizeIs(2));
  // The same scope written otherwise is the same grant.
  AccountGrant same = Responsable("010000024");
  same.add_finess_eg("010000024");
  EXPECT_THAT(Decided(state, AccountCommand{GrantRole{.grant = same, .now = kNow}}), IsEmpty());
  state = Apply(state, AccountCommand{RevokeRole{.grant = Referent("76"), .now = kNow}});
  ASSERT_THAT(state.grants, SizeIs(1));
  EXPECT_EQ(state.grants[0].role(), "responsable_offre");
  EXPECT_THAT(Decided(state, AccountCommand{RevokeRole{.grant = Referent("11"), .now = kNow}}),
              IsEmpty());
}

TEST(AccountTest, ABadGrantNamesItsField) {
  AccountGrant bad;
  bad.set_role("super_admin");
  EXPECT_THAT(
      Violations(Decide(Created(), AccountCommand{GrantRole{.grant = bad, .now = kNow}}).status()),
      ElementsAre("grant.role:role"));
}

LinkPscIdentity Link(std::string subject) {
  return LinkPscIdentity{.psc_subject = std::move(subject), .rpps = "899700218896", .now = kNow};
}

RecordLogin PscLogin(std::string id) {
  RecordLogin login = Attempt(std::move(id), false, kNow);
  login.method = LoginSucceeded::METHOD_PRO_SANTE_CONNECT;
  return login;
}

TEST(AccountTest, APscIdentityIsLinkedOnlyAfterAnEmailAndPasswordLogin) {
  EXPECT_THAT(Decide(Activated(), AccountCommand{Link("psc-1")}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("première connexion")));
  const AccountState logged_in = Apply(Activated(), AccountCommand{Attempt("s1", true, kNow)});
  EXPECT_TRUE(logged_in.password_login_done);
  const AccountState linked = Apply(logged_in, AccountCommand{Link("psc-1")});
  EXPECT_EQ(linked.psc_subject, "psc-1");
  EXPECT_EQ(linked.rpps, "899700218896");
  EXPECT_THAT(Decide(linked, AccountCommand{Link("psc-2")}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("autre identité")));
}

TEST(AccountTest, APscLoginNeedsALinkedIdentityAndIgnoresThePasswordLock) {
  EXPECT_THAT(Decide(Activated(), AccountCommand{PscLogin("p0")}),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  AccountState state = Apply(Activated(), AccountCommand{Attempt("s1", true, kNow)});
  state = Apply(state, AccountCommand{Link("psc-1")});
  for (int i = 1; i <= 5; ++i) {
    state = Apply(state, AccountCommand{Attempt(absl::StrCat("f", i), false, kNow)});
  }
  ASSERT_GT(state.locked_until, kNow);
  const auto events = Decided(state, AccountCommand{PscLogin("p1")});
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(std::get<LoginSucceeded>(events[0]).method(), LoginSucceeded::METHOD_PRO_SANTE_CONNECT);
  // A PSC login is not an e-mail and password login.
  EXPECT_FALSE(
      Evolve(Activated(), AccountEvent{std::get<LoginSucceeded>(events[0])}).password_login_done);
}

TEST(AccountTest, CommandsOnAnUnknownAccountAreNotFound) {
  EXPECT_THAT(Decide(AccountState{}, AccountCommand{Attempt("x", true, kNow)}),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace ror::auth::domain
