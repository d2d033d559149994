// The access function against the reference (§2.5), stated a second time below in another form:
// one predicate per profile, written from the reference's sentences, checked on every input.
#include "libs/authz/access_policy.h"

#include "gtest/gtest.h"

namespace ror::authz {
namespace {

using F = FieldClass;

bool ContactDetail(F field) {
  return field == F::kContact || field == F::kTelecom || field == F::kPersonalData;
}

// "Open data only": the offre and its description, contact details made "accès libre"; never a
// capacité, never a "Profil 1" field.
bool OpenData(F field, int level) {
  if (field == F::kOffre || field == F::kDescriptive) return true;
  return ContactDetail(field) && level == 1;
}

// "Everything except accès très restreint": contact details of level 3 hidden, and the fields the
// IG gives to profile 1 only.
bool AllButTresRestreint(F field, int level) {
  if (field == F::kProfil1Only) return false;
  return !ContactDetail(field) || level <= 2;
}

bool Expected(int profile, bool sees_sensibles, Champ champ, bool sensible, F field, int level) {
  if (profile < 0 || profile > 5) profile = 0;
  // uniteSensible hides the whole offer, from the public always.
  if (sensible && (profile == 0 || !sees_sensibles)) return false;
  switch (profile) {
    case 0:
      return OpenData(field, level);
    case 1:
      return true;
    case 2:
      return AllButTresRestreint(field, level);
    case 3:  // médico-social as profile 2, anything else as open data
      return champ == Champ::kMedicoSocial ? AllButTresRestreint(field, level)
                                           : OpenData(field, level);
    case 4:  // everything but contacts and personal data (and the "Profil 1" fields)
      return !ContactDetail(field) && field != F::kProfil1Only;
    case 5:  // everything but très restreint and capacité
      return AllButTresRestreint(field, level) && field != F::kCapacite;
  }
  return false;
}

TEST(AccessPolicyTest, EveryCombinationAgreesWithTheReference) {
  int checked = 0;
  for (int profile = -1; profile <= 6; ++profile) {
    for (bool sees : {false, true}) {
      for (Champ champ : kAllChamps) {
        for (bool sensible : {false, true}) {
          for (F field : kAllFieldClasses) {
            for (Confidentialite level : kAllConfidentialites) {
              const bool got = MaySee(Viewer{.profile = profile, .sees_unites_sensibles = sees},
                                      Datum{.champ = champ,
                                            .unite_sensible = sensible,
                                            .field = field,
                                            .confidentialite = level});
              const int l = static_cast<int>(level);
              EXPECT_EQ(got, Expected(profile, sees, champ, sensible, field, l))
                  << "profile " << profile << " sees_sensibles " << sees << " champ "
                  << static_cast<int>(champ) << " sensible " << sensible << " field "
                  << static_cast<int>(field) << " level " << l;
              ++checked;
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 8 * 2 * 7 * 2 * 7 * 3);
}

TEST(AccessPolicyTest, EveryProfileChampAndFieldHasExactlyOneRule) {
  for (int profile = kMinProfile; profile <= kMaxProfile; ++profile) {
    for (Champ champ : kAllChamps) {
      for (F field : kAllFieldClasses) {
        EXPECT_EQ(RulesMatching(profile, champ, field), 1)
            << profile << " " << static_cast<int>(champ) << " " << static_cast<int>(field);
      }
    }
  }
}

TEST(AccessPolicyTest, UngradedFieldsIgnoreTheLevel) {
  for (int profile = kMinProfile; profile <= kMaxProfile; ++profile) {
    for (Champ champ : kAllChamps) {
      for (F field : kAllFieldClasses) {
        if (IsGraded(field)) continue;
        const Viewer viewer{.profile = profile, .sees_unites_sensibles = true};
        const bool libre = MaySee(viewer, Datum{.champ = champ,
                                                .field = field,
                                                .confidentialite = Confidentialite::kLibre});
        for (Confidentialite level : kAllConfidentialites) {
          EXPECT_EQ(MaySee(viewer, Datum{.champ = champ, .field = field, .confidentialite = level}),
                    libre);
        }
      }
    }
  }
}

Datum Telecom(Confidentialite level, bool sensible = false, Champ champ = Champ::kMco) {
  return Datum{.champ = champ, .unite_sensible = sensible, .field = F::kTelecom,
               .confidentialite = level};
}

Datum Offre(bool sensible, Champ champ = Champ::kPsy) {
  return Datum{.champ = champ, .unite_sensible = sensible, .field = F::kOffre};
}

TEST(AccessPolicyTest, OpenDataNeverSeesASensitiveOffreEvenIfTold) {
  EXPECT_FALSE(MaySee(kOpenData, Offre(true)));
  EXPECT_FALSE(MaySee(Viewer{.profile = 0, .sees_unites_sensibles = true}, Offre(true)));
  EXPECT_TRUE(MaySee(kOpenData, Offre(false)));
}

TEST(AccessPolicyTest, OpenDataSeesOnlyLibreTelecoms) {
  EXPECT_TRUE(MaySee(kOpenData, Telecom(Confidentialite::kLibre)));
  EXPECT_FALSE(MaySee(kOpenData, Telecom(Confidentialite::kRestreint)));
  EXPECT_FALSE(MaySee(kOpenData, Telecom(Confidentialite::kTresRestreint)));
}

TEST(AccessPolicyTest, ProfileOneWithUnitesSensiblesSeesASensitiveOffreAndItsContacts) {
  const Viewer regulateur{.profile = 1, .sees_unites_sensibles = true};
  EXPECT_TRUE(MaySee(regulateur, Offre(true)));
  EXPECT_TRUE(MaySee(regulateur, Telecom(Confidentialite::kTresRestreint, true)));
}

TEST(AccessPolicyTest, ProfileTwoWithoutUnitesSensiblesDoesNotSeeThem) {
  const Viewer other_user{.profile = 2, .sees_unites_sensibles = false};
  EXPECT_FALSE(MaySee(other_user, Offre(true)));
  EXPECT_TRUE(MaySee(other_user, Offre(false)));
  EXPECT_TRUE(MaySee(other_user, Telecom(Confidentialite::kRestreint)));
  EXPECT_FALSE(MaySee(other_user, Telecom(Confidentialite::kTresRestreint)));
}

TEST(AccessPolicyTest, ProfileThreeTellsMedicoSocialApart) {
  const Viewer viewer{.profile = 3};
  EXPECT_TRUE(MaySee(viewer, Telecom(Confidentialite::kRestreint, false, Champ::kMedicoSocial)));
  EXPECT_FALSE(MaySee(viewer, Telecom(Confidentialite::kRestreint, false, Champ::kMco)));
  EXPECT_TRUE(MaySee(viewer, Telecom(Confidentialite::kLibre, false, Champ::kVille)));
  // The reference names neither social nor an unknown champ: the narrower answer.
  EXPECT_FALSE(MaySee(viewer, Telecom(Confidentialite::kRestreint, false, Champ::kSocial)));
  EXPECT_FALSE(MaySee(viewer, Telecom(Confidentialite::kRestreint, false, Champ::kUnknown)));
}

TEST(AccessPolicyTest, ProfileFourSeesNoContactButCapacite) {
  const Viewer viewer{.profile = 4};
  EXPECT_FALSE(MaySee(viewer, Datum{.field = F::kContact,
                                    .confidentialite = Confidentialite::kLibre}));
  EXPECT_FALSE(MaySee(viewer, Datum{.field = F::kPersonalData,
                                    .confidentialite = Confidentialite::kLibre}));
  EXPECT_TRUE(MaySee(viewer, Datum{.field = F::kCapacite}));
}

TEST(AccessPolicyTest, ProfileFiveSeesNoCapacite) {
  EXPECT_FALSE(MaySee(Viewer{.profile = 5}, Datum{.field = F::kCapacite}));
  EXPECT_TRUE(MaySee(Viewer{.profile = 5}, Telecom(Confidentialite::kRestreint)));
}

TEST(AccessPolicyTest, OnlyProfileOneSeesOrsanFields) {
  for (int profile = kMinProfile; profile <= kMaxProfile; ++profile) {
    EXPECT_EQ(MaySee(Viewer{.profile = profile}, Datum{.field = F::kProfil1Only}), profile == 1)
        << profile;
  }
}

TEST(AccessPolicyTest, ProfilesOutsideTheRangeAreOpenData) {
  EXPECT_FALSE(MaySee(Viewer{.profile = 7}, Telecom(Confidentialite::kRestreint)));
  EXPECT_FALSE(MaySee(Viewer{.profile = -1, .sees_unites_sensibles = true}, Offre(true)));
}

TEST(AccessPolicyTest, CodesOfTheNationalLists) {
  EXPECT_EQ(ChampOf("01"), Champ::kMco);
  EXPECT_EQ(ChampOf("02"), Champ::kSsr);
  EXPECT_EQ(ChampOf("03"), Champ::kPsy);
  EXPECT_EQ(ChampOf("04"), Champ::kMedicoSocial);
  EXPECT_EQ(ChampOf("05"), Champ::kVille);
  EXPECT_EQ(ChampOf("06"), Champ::kSocial);
  EXPECT_EQ(ChampOf("4"), Champ::kUnknown);
  EXPECT_EQ(ChampOf(""), Champ::kUnknown);
  EXPECT_EQ(ConfidentialiteOf("1"), Confidentialite::kLibre);
  EXPECT_EQ(ConfidentialiteOf("2"), Confidentialite::kRestreint);
  EXPECT_EQ(ConfidentialiteOf("3"), Confidentialite::kTresRestreint);
  EXPECT_EQ(ConfidentialiteOf(""), Confidentialite::kTresRestreint) << "no level is no permission";
  EXPECT_EQ(ConfidentialiteOf("01"), Confidentialite::kTresRestreint);
}

}  // namespace
}  // namespace ror::authz
