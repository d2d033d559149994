#include "services/offre/domain/mss_address.h"

#include "gtest/gtest.h"

namespace ror::offre::domain {
namespace {

TEST(MssAddressTest, AcceptsAddressesOfTheMssanteSpace) {
  EXPECT_TRUE(IsMssAddress("consultations@ch-albi.mssante.fr"));
  EXPECT_TRUE(IsMssAddress("jean.dupont@medecin.mssante.fr"));
  EXPECT_TRUE(IsMssAddress("secretariat.cardio+urgent@chu-toulouse.mssante.fr"));
  EXPECT_TRUE(IsMssAddress("bal@mssante.fr"));
  EXPECT_TRUE(IsMssAddress("BAL@CHU.MSSANTE.FR"));
}

TEST(MssAddressTest, RefusesPlainMailAndMalformedAddresses) {
  EXPECT_FALSE(IsMssAddress("secretariat@gmail.com"));
  EXPECT_FALSE(IsMssAddress("x@notmssante.fr"));
  EXPECT_FALSE(IsMssAddress("x@mssante.fr.example.com"));
  EXPECT_FALSE(IsMssAddress(""));
  EXPECT_FALSE(IsMssAddress("consultations"));
  EXPECT_FALSE(IsMssAddress("@ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress("a@@ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress("a b@ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress(".a@ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress("a..b@ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress("a@-ch.mssante.fr"));
  EXPECT_FALSE(IsMssAddress("a@ch..mssante.fr"));
  EXPECT_FALSE(IsMssAddress(std::string(65, 'a') + "@ch.mssante.fr"));
}

TEST(MssAddressTest, NormalizingTrimsAndLowerCasesTheDomainOnly) {
  EXPECT_EQ(NormalizeMssAddress("  Jean.Dupont@CH-Albi.MSSante.fr "),
            "Jean.Dupont@ch-albi.mssante.fr");
  EXPECT_EQ(NormalizeMssAddress("sans-arobase"), "sans-arobase");
}

}  // namespace
}  // namespace ror::offre::domain
