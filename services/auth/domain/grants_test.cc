#include "services/auth/domain/grants.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Checked(const AccountGrant& grant) {
  FieldViolations v;
  CheckGrant("grant", NormalizeGrant(grant), v);
  return testing::Violations(v.ToStatus());
}

TEST(GrantsTest, EachRoleHasItsScope) {
  AccountGrant national_admin;
  national_admin.set_role("administrateur");
  EXPECT_THAT(Checked(national_admin), IsEmpty());

  AccountGrant regional_admin = national_admin;
  regional_admin.set_region("99");
  EXPECT_THAT(Checked(regional_admin), ElementsAre("grant.region:region"));

  AccountGrant responsable;
  responsable.set_role("responsable_offre");
  EXPECT_THAT(Checked(responsable), ElementsAre("grant.finess_eg:required"));
  responsable.add_finess_ej("010780054");
  responsable.set_region("84");
  EXPECT_THAT(Checked(responsable), ElementsAre("grant.region:not_applicable"));

  AccountGrant regulateur;
  regulateur.set_role("regulateur");
  regulateur.add_finess_eg("010000024");
  EXPECT_THAT(Checked(regulateur), ElementsAre("grant.finess_eg:not_applicable"));
}

TEST(GrantsTest, RoleNamesRoundTripAndBecomeAuthzGrants) {
  for (authz::Role role :
       {authz::Role::kReferentRor, authz::Role::kResponsableOffre, authz::Role::kRegulateur,
        authz::Role::kGestionnaireCrise, authz::Role::kAdministrateur}) {
    EXPECT_EQ(authz::RoleFromName(authz::RoleName(role)), role);
  }
  AccountGrant g;
  g.set_role("responsable_offre");
  g.add_finess_eg("010000024");
  const std::optional<authz::Grant> grant = ToAuthzGrant(g);
  ASSERT_TRUE(grant.has_value());
  EXPECT_EQ(grant->role, authz::Role::kResponsableOffre);
  EXPECT_THAT(grant->finess_eg, ElementsAre("010000024"));
  g.set_role("inconnu");
  EXPECT_FALSE(ToAuthzGrant(g).has_value());
}

}  // namespace
}  // namespace ror::auth::domain
