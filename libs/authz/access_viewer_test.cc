#include "libs/authz/access_viewer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"

namespace ror::authz {
namespace {

constexpr char kOccitanie[] = "76";

using testing::ApiClientWith;
using testing::GrantOf;
using testing::ScopeWith;
using testing::UserWith;

const EtablissementScope kAlbi = ScopeWith("810000599", "810000417", kOccitanie);

Principal User(Grant grant) { return UserWith({std::move(grant)}); }
Principal ApiClient(int profile) { return ApiClientWith(profile); }

bool SeesAllOfAlbi(const Principal& principal) {
  const Viewer viewer = ViewerFor(principal, kAlbi);
  return viewer.profile == 1 && viewer.sees_unites_sensibles;
}

Datum SensitiveOffre() {
  return Datum{.champ = Champ::kPsy, .unite_sensible = true, .field = FieldClass::kOffre};
}

TEST(AccessViewerTest, AnonymousIsOpenData) {
  const Viewer viewer = ViewerFor(Anonymous(), kAlbi);
  EXPECT_EQ(viewer.profile, 0);
  EXPECT_FALSE(viewer.sees_unites_sensibles);
}

TEST(AccessViewerTest, ARegulateurSeesASensitiveOffre) {
  const Principal regulateur = User(GrantOf(Role::kRegulateur, "11"));
  EXPECT_TRUE(SeesAllOfAlbi(regulateur)) << "everywhere, whatever his région";
  EXPECT_TRUE(MaySee(ViewerFor(regulateur, kAlbi), SensitiveOffre()));
}

TEST(AccessViewerTest, AGestionnaireDeCriseSeesEverything) {
  EXPECT_TRUE(SeesAllOfAlbi(User(GrantOf(Role::kGestionnaireCrise))));
}

TEST(AccessViewerTest, AReferentRorSeesHisRegionOnly) {
  EXPECT_TRUE(SeesAllOfAlbi(User(GrantOf(Role::kReferentRor, kOccitanie))));
  EXPECT_FALSE(SeesAllOfAlbi(User(GrantOf(Role::kReferentRor, "84"))));
  EXPECT_FALSE(SeesAllOfAlbi(User(GrantOf(Role::kReferentRor)))) << "no national référent";
  const EtablissementScope unknown_region = ScopeWith("810000599", "", "");
  EXPECT_EQ(ViewerFor(User(GrantOf(Role::kReferentRor, kOccitanie)), unknown_region).profile, 2);
}

TEST(AccessViewerTest, AnAdministrateurNationalOrOfTheRegion) {
  EXPECT_TRUE(SeesAllOfAlbi(User(GrantOf(Role::kAdministrateur))));
  EXPECT_TRUE(SeesAllOfAlbi(User(GrantOf(Role::kAdministrateur, kOccitanie))));
  EXPECT_FALSE(SeesAllOfAlbi(User(GrantOf(Role::kAdministrateur, "53"))));
}

TEST(AccessViewerTest, AResponsableOfTheEgOrOfItsEj) {
  EXPECT_TRUE(
      SeesAllOfAlbi(User(GrantOf(Role::kResponsableOffre, "", {}, {"750000001", "810000599"}))));
  EXPECT_TRUE(SeesAllOfAlbi(User(GrantOf(Role::kResponsableOffre, "", {"810000417"}))));
}

TEST(AccessViewerTest, AResponsableOfAnotherEgDoesNotSeeItsSensitiveOffres) {
  const Principal other = User(GrantOf(Role::kResponsableOffre, kOccitanie,  // région: unused
                                       {"810000011"}, {"810000012"}));
  const Viewer viewer = ViewerFor(other, kAlbi);
  EXPECT_EQ(viewer.profile, 2);
  EXPECT_FALSE(viewer.sees_unites_sensibles);
  EXPECT_FALSE(MaySee(viewer, SensitiveOffre()));
}

TEST(AccessViewerTest, AnEmptyScopeMatchesNoHabilitation) {
  const Principal responsable = User(GrantOf(Role::kResponsableOffre, "", {""}, {""}));
  EXPECT_FALSE(CoversEtablissement(responsable, ScopeWith("", "", "")));
}

TEST(AccessViewerTest, AUserWithoutGrantIsProfileTwo) {
  const Principal user = UserWith({});
  EXPECT_EQ(ViewerFor(user, kAlbi).profile, 2);
  EXPECT_FALSE(ViewerFor(user, kAlbi).sees_unites_sensibles);
}

TEST(AccessViewerTest, AnApiClientHasItsOwnProfile) {
  for (int profile = 0; profile <= 5; ++profile) {
    const Viewer viewer = ViewerFor(ApiClient(profile), kAlbi);
    EXPECT_EQ(viewer.profile, profile);
    EXPECT_EQ(viewer.sees_unites_sensibles, profile == 1) << profile;
  }
  EXPECT_EQ(ViewerFor(ApiClient(9), kAlbi).profile, 0);
  EXPECT_EQ(ViewerFor(ApiClient(-1), kAlbi).profile, 0);
}

TEST(AccessViewerTest, GrantsOfAnApiClientAreNotRead) {
  Principal client = ApiClient(2);
  client.grants.push_back(GrantOf(Role::kRegulateur));
  EXPECT_FALSE(ViewerFor(client, kAlbi).sees_unites_sensibles);
}

// ReachOf answers as ViewerFor does, scope by scope, for every kind of principal.
TEST(AccessViewerTest, ReachOfAgreesWithViewerForOnEveryScope) {
  const std::vector<EtablissementScope> scopes = {
      kAlbi,
      ScopeWith("810000599", "999999999", "84"),
      ScopeWith("010000024", "810000417", "84"),
      ScopeWith("010000024", "010000016", "84"),
      ScopeWith("", "", ""),
  };
  Grant responsable = GrantOf(Role::kResponsableOffre);
  responsable.finess_eg = {"810000599"};
  Grant responsable_ej = GrantOf(Role::kResponsableOffre);
  responsable_ej.finess_ej = {"810000417"};
  const std::vector<Principal> principals = {
      Anonymous(),
      ApiClient(0),
      ApiClient(1),
      ApiClient(4),
      ApiClient(9),
      User(GrantOf(Role::kRegulateur, "11")),
      User(GrantOf(Role::kGestionnaireCrise)),
      User(GrantOf(Role::kReferentRor, kOccitanie)),
      User(GrantOf(Role::kReferentRor)),
      User(GrantOf(Role::kAdministrateur)),
      User(GrantOf(Role::kAdministrateur, "84")),
      User(responsable),
      User(responsable_ej),
      UserWith({}),
      UserWith({GrantOf(Role::kReferentRor, "84"), responsable}),
  };
  for (size_t p = 0; p < principals.size(); ++p) {
    const ViewerReach reach = ReachOf(principals[p]);
    for (size_t s = 0; s < scopes.size(); ++s) {
      const Viewer expected = ViewerFor(principals[p], scopes[s]);
      const bool covered =
          principals[p].kind == PrincipalKind::kUser && reach.scopes.Covers(scopes[s]);
      const Viewer got = covered ? reach.covered : reach.elsewhere;
      EXPECT_EQ(got.profile, expected.profile) << "principal " << p << ", scope " << s;
      EXPECT_EQ(got.sees_unites_sensibles, expected.sees_unites_sensibles)
          << "principal " << p << ", scope " << s;
    }
  }
}

}  // namespace
}  // namespace ror::authz
