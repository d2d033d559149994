#include "services/search/domain/geo.h"

#include <algorithm>
#include <random>

#include "gtest/gtest.h"

namespace ror::search::domain {
namespace {

constexpr LatLong kBourg{.latitude = 46.2052, .longitude = 5.2255};
constexpr LatLong kLyon{.latitude = 45.7640, .longitude = 4.8357};

TEST(GeoTest, HaversineOfKnownDistances) {
  EXPECT_NEAR(HaversineKm(kBourg, kLyon), 57.7, 0.5);
  EXPECT_DOUBLE_EQ(HaversineKm(kLyon, kLyon), 0);
  // A quarter of a meridian.
  EXPECT_NEAR(HaversineKm({.latitude = 0, .longitude = 10}, {.latitude = 90, .longitude = 10}),
              kEarthRadiusKm * 3.14159265358979 / 2, 1e-6);
}

TEST(GeoTest, AMissingPositionIsNotValid) {
  EXPECT_FALSE(IsValid({.latitude = 0, .longitude = 0}));
  EXPECT_FALSE(IsValid({.latitude = 91, .longitude = 2}));
  EXPECT_TRUE(IsValid(kBourg));
}

// Whatever lies within the radius is in one of the covering cells.
TEST(GeoTest, CoveringCellsContainEveryPointOfTheCircle) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> offset(-3, 3);
  for (double radius : {0.5, 5.0, 20.0, 80.0, 300.0, 1000.0}) {
    const std::vector<std::string> cells = CoveringCells(kBourg, radius);
    ASSERT_FALSE(cells.empty());
    EXPECT_LE(cells.size(), static_cast<size_t>(kMaxCoveringCells) * 4);
    const int level = cells.front()[0] - '0';
    int inside = 0;
    for (int i = 0; i < 20000; ++i) {
      const double scale = radius / 100.0;
      const LatLong p{.latitude = kBourg.latitude + offset(random) * scale,
                      .longitude = kBourg.longitude + offset(random) * scale};
      if (HaversineKm(kBourg, p) > radius) continue;
      ++inside;
      EXPECT_TRUE(std::binary_search(cells.begin(), cells.end(), CellOf(p, level)))
          << "radius " << radius << " point " << p.latitude << "," << p.longitude;
    }
    EXPECT_GT(inside, 0);
  }
}

TEST(GeoTest, CellsWrapAroundTheAntimeridian) {
  const std::vector<std::string> cells = CoveringCells({.latitude = -17.5, .longitude = 179.99}, 5);
  EXPECT_TRUE(std::binary_search(cells.begin(), cells.end(),
                                 CellOf({.latitude = -17.5, .longitude = -179.99}, 0)));
}

}  // namespace
}  // namespace ror::search::domain
