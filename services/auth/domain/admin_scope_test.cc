#include "services/auth/domain/admin_scope.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::auth::domain {
namespace {

using ::ror::testing::StatusIs;

authz::Principal Administrateur(std::string region) {
  authz::Principal p;
  p.kind = authz::PrincipalKind::kUser;
  p.grants.push_back(authz::Grant{.role = authz::Role::kAdministrateur,
                                  .region = std::move(region),
                                  .finess_ej = {},
                                  .finess_eg = {}});
  return p;
}

AccountGrant Grant(const char* role, const char* region) {
  AccountGrant g;
  g.set_role(role);
  g.set_region(region);
  return g;
}

TEST(AdminScopeTest, ANationalAdministrateurReachesEverything) {
  const AdminScope scope = AdminScopeOf(Administrateur(""));
  EXPECT_TRUE(scope.national);
  EXPECT_OK(CheckAdministers(scope, Grant("administrateur", "")));
}

TEST(AdminScopeTest, ARegionalAdministrateurStaysInHisRegion) {
  const AdminScope scope = AdminScopeOf(Administrateur("84"));  // Auvergne-Rhône-Alpes
  EXPECT_OK(CheckAdministers(scope, Grant("referent_ror", "84")));
  EXPECT_THAT(CheckAdministers(scope, Grant("referent_ror", "76")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  // Never a national role, for himself or anyone.
  EXPECT_THAT(CheckAdministers(scope, Grant("administrateur", "")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckAdministers(scope, Grant("regulateur", "")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  AccountGrant responsable = Grant("responsable_offre", "");
  responsable.add_finess_eg("010000024");  // Ain: 84
  EXPECT_OK(CheckAdministers(scope, responsable));
  responsable.add_finess_ej("750000001");  // Paris: 11
  EXPECT_THAT(CheckAdministers(scope, responsable), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(CheckAdministersFiness(scope, "010000024"));
  EXPECT_THAT(CheckAdministersFiness(scope, "2A0000154"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(CheckAdministersAccount(scope, {}));
}

TEST(AdminScopeTest, NoAdministrateurGrantNoScope) {
  authz::Principal client;
  client.kind = authz::PrincipalKind::kApiClient;
  const AdminScope scope = AdminScopeOf(client);
  EXPECT_FALSE(scope.national);
  EXPECT_THAT(CheckAdministersFiness(scope, "010000024"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace ror::auth::domain
