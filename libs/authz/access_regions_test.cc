#include "libs/authz/access_regions.h"

#include <map>
#include <string>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"

namespace ror::authz {
namespace {

TEST(AccessRegionsTest, EveryMetropolitanDepartementHasItsRegion) {
  std::map<std::string, int> departements_by_region;
  for (int n = 1; n <= 95; ++n) {
    if (n == 20) continue;  // Corse: 2A and 2B since 1976
    const std::string code = absl::StrFormat("%02d", n);
    const std::string region = RegionOfDepartement(code);
    EXPECT_FALSE(region.empty()) << code;
    ++departements_by_region[region];
  }
  ++departements_by_region[RegionOfDepartement("2A")];
  ++departements_by_region[RegionOfDepartement("2B")];
  // The thirteen metropolitan régions of 2016 and their number of départements.
  const std::map<std::string, int> expected = {
      {"11", 8},  {"24", 6}, {"27", 8},  {"28", 5},  {"32", 5},  {"44", 10}, {"52", 5},
      {"53", 4},  {"75", 12}, {"76", 13}, {"84", 12}, {"93", 6}, {"94", 2}};
  EXPECT_EQ(departements_by_region, expected);
}

TEST(AccessRegionsTest, SomeKnownDepartements) {
  EXPECT_EQ(RegionOfDepartement("81"), "76");  // Tarn, Occitanie
  EXPECT_EQ(RegionOfDepartement("75"), "11");  // Paris
  EXPECT_EQ(RegionOfDepartement("69"), "84");  // Rhône
  EXPECT_EQ(RegionOfDepartement("2A"), "94");
  EXPECT_EQ(RegionOfDepartement("2B"), "94");
}

TEST(AccessRegionsTest, OverseasAsTheCogAndAsFinessWriteThem) {
  EXPECT_EQ(RegionOfDepartement("971"), "01");  // Guadeloupe
  EXPECT_EQ(RegionOfDepartement("972"), "02");  // Martinique
  EXPECT_EQ(RegionOfDepartement("973"), "03");  // Guyane
  EXPECT_EQ(RegionOfDepartement("974"), "04");  // La Réunion
  EXPECT_EQ(RegionOfDepartement("976"), "06");  // Mayotte
  EXPECT_EQ(RegionOfDepartement("9A"), "01");
  EXPECT_EQ(RegionOfDepartement("9B"), "02");
  EXPECT_EQ(RegionOfDepartement("9C"), "03");
  EXPECT_EQ(RegionOfDepartement("9D"), "04");
  EXPECT_EQ(RegionOfDepartement("9F"), "06");
}

TEST(AccessRegionsTest, NoRegionForUnknownCodesNorSaintPierreEtMiquelon) {
  EXPECT_EQ(RegionOfDepartement("975"), "");
  EXPECT_EQ(RegionOfDepartement("9E"), "");
  EXPECT_EQ(RegionOfDepartement("20"), "");
  EXPECT_EQ(RegionOfDepartement("96"), "");
  EXPECT_EQ(RegionOfDepartement("1"), "");
  EXPECT_EQ(RegionOfDepartement(""), "");
  EXPECT_EQ(RegionOfDepartement("2a"), "") << "FINESS numbers are upper-cased on import";
}

}  // namespace
}  // namespace ror::authz
