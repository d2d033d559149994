#include "libs/authz/habilitation.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"

namespace ror::authz {
namespace {

using testing::ApiClientWith;
using testing::GrantOf;
using testing::ScopeWith;
using testing::UserWith;

// EG A (EJ 010000024, Auvergne-Rhône-Alpes 84) and EG B (another EJ, Bretagne 53).
const EtablissementScope kA = ScopeWith("010000032", "010000024", "84");
const EtablissementScope kB = ScopeWith("350000741", "350000022", "53");

TEST(HabilitationTest, AResponsableChangesOnlyHisEstablishments) {
  const Principal by_eg = UserWith({GrantOf(Role::kResponsableOffre, "", {}, {"010000032"})});
  const Principal by_ej = UserWith({GrantOf(Role::kResponsableOffre, "", {"010000024"}, {})});
  for (const Principal& p : {by_eg, by_ej}) {
    EXPECT_TRUE(MayChange(p, kA));
    EXPECT_FALSE(MayChange(p, kB));
    EXPECT_EQ(CheckMayChange(p, kB).code(), absl::StatusCode::kPermissionDenied);
    EXPECT_THAT(CheckMayChange(p, kB).message(), ::testing::HasSubstr("350000741"));
  }
}

TEST(HabilitationTest, AReferentChangesHisRegionOnly) {
  const Principal referent = UserWith({GrantOf(Role::kReferentRor, "84")});
  EXPECT_TRUE(MayChange(referent, kA));
  EXPECT_FALSE(MayChange(referent, kB));
  EXPECT_FALSE(MayChange(UserWith({GrantOf(Role::kReferentRor, "")}), kA));
}

TEST(HabilitationTest, AdministrateursNationalOrRegional) {
  const Principal national = UserWith({GrantOf(Role::kAdministrateur)});
  const Principal bretagne = UserWith({GrantOf(Role::kAdministrateur, "53")});
  EXPECT_TRUE(MayChange(national, kA) && MayChange(national, kB));
  EXPECT_TRUE(IsNationalAdministrateur(national));
  EXPECT_TRUE(MayChange(bretagne, kB));
  EXPECT_FALSE(MayChange(bretagne, kA));
  EXPECT_FALSE(IsNationalAdministrateur(bretagne));
  EXPECT_EQ(CheckNationalAdministrateur(bretagne).code(), absl::StatusCode::kPermissionDenied);
}

TEST(HabilitationTest, ReadersAndMachinesChangeNothing) {
  for (const Principal& p : {UserWith({GrantOf(Role::kRegulateur)}),
                             UserWith({GrantOf(Role::kGestionnaireCrise)}), ApiClientWith(1)}) {
    EXPECT_FALSE(MayChange(p, kA));
    EXPECT_EQ(CheckMayChange(p, kA).code(), absl::StatusCode::kPermissionDenied);
  }
  EXPECT_EQ(CheckMayChange(Anonymous(), kA).code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(CheckNationalAdministrateur(Anonymous()).code(), absl::StatusCode::kUnauthenticated);
}

TEST(HabilitationTest, AnEmptyScopeIsCoveredByNoEstablishmentGrant) {
  const Principal responsable = UserWith({GrantOf(Role::kResponsableOffre, "", {""}, {""})});
  EXPECT_FALSE(MayChange(responsable, ScopeWith("")));
}

}  // namespace
}  // namespace ror::authz
