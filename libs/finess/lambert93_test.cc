#include "libs/finess/lambert93.h"

#include "gtest/gtest.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::DistanceMetres;

TEST(Lambert93Test, ProjectionOriginIsFortySixAndAHalfNorthThreeEast) {
  LatLon origin = Lambert93ToWgs84({700000.0, 6600000.0});
  EXPECT_NEAR(origin.latitude, 46.5, 1e-10);
  EXPECT_NEAR(origin.longitude, 3.0, 1e-10);

  Lambert93Point back = Wgs84ToLambert93({46.5, 3.0});
  EXPECT_NEAR(back.x, 700000.0, 1e-6);
  EXPECT_NEAR(back.y, 6600000.0, 1e-6);
}

TEST(Lambert93Test, CentreHospitalierDeFleyriatMatchesTheFlattenedSample) {
  // Lambert-93 of 010000024 in the 2021 etalab extract; WGS84 of the same FINESS in
  // shared/data/finess/finess_et_dept01_35.csv, converted independently.
  LatLon p = Lambert93ToWgs84({870215.7, 6571590.5});
  EXPECT_LT(DistanceMetres(p.latitude, p.longitude, 46.22274479119414, 5.2085961326419605), 1.0);
}

TEST(Lambert93Test, SecondPublishedPointInTheAin) {
  LatLon p = Lambert93ToWgs84({882408.3, 6543019.6});
  EXPECT_LT(DistanceMetres(p.latitude, p.longitude, 45.96240165432614, 5.355651287573366), 1.0);
}

TEST(Lambert93Test, OnTheCentralMeridianLongitudeIsThreeEast) {
  for (double y : {6100000.0, 6600000.0, 7100000.0}) {
    EXPECT_NEAR(Lambert93ToWgs84({700000.0, y}).longitude, 3.0, 1e-12) << y;
  }
}

TEST(Lambert93Test, ForwardThenInverseReturnsWithinAMillimetre) {
  // Corners and middle of metropolitan France, Corsica included.
  for (double lat = 41.3; lat <= 51.2; lat += 0.45) {
    for (double lon = -5.2; lon <= 9.6; lon += 0.7) {
      Lambert93Point xy = Wgs84ToLambert93({lat, lon});
      LatLon back = Lambert93ToWgs84(xy);
      EXPECT_LT(DistanceMetres(lat, lon, back.latitude, back.longitude), 1e-3) << lat << " " << lon;
    }
  }
}

TEST(Lambert93Test, DomainCoversMetropolitanFranceOnly) {
  EXPECT_TRUE(InLambert93Domain(Wgs84ToLambert93({48.3904, -4.4861})));  // Brest
  EXPECT_TRUE(InLambert93Domain(Wgs84ToLambert93({48.5734, 7.7521})));   // Strasbourg
  EXPECT_TRUE(InLambert93Domain(Wgs84ToLambert93({41.3875, 9.1596})));   // Bonifacio
  EXPECT_TRUE(InLambert93Domain(Wgs84ToLambert93({51.0344, 2.3768})));   // Dunkerque
  EXPECT_FALSE(InLambert93Domain({657242.9, 1795384.4}));  // a UTM 20N point of Guadeloupe
  EXPECT_FALSE(InLambert93Domain({0.0, 0.0}));
  EXPECT_FALSE(InLambert93Domain({870215.7, 65715905.0}));  // a digit too many
}

}  // namespace
}  // namespace ror::finess
