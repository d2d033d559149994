#include "services/search/domain/geo.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ror::search::domain {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kKmPerDegreeLatitude = kPi * kEarthRadiusKm / 180.0;

double Radians(double degrees) { return degrees * kPi / 180.0; }

int Row(double latitude, int level) {
  return static_cast<int>(std::floor((latitude + 90.0) / kCellDegrees[level]));
}

int Column(double longitude, int level) {
  return static_cast<int>(std::floor((longitude + 180.0) / kCellDegrees[level]));
}

}  // namespace

bool IsValid(const LatLong& point) {
  return std::isfinite(point.latitude) && std::isfinite(point.longitude) && point.latitude >= -90 &&
         point.latitude <= 90 && point.longitude >= -180 && point.longitude <= 180 &&
         !(point.latitude == 0 && point.longitude == 0);
}

double HaversineKm(const LatLong& a, const LatLong& b) {
  const double dlat = Radians(b.latitude - a.latitude);
  const double dlon = Radians(b.longitude - a.longitude);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(Radians(a.latitude)) * std::cos(Radians(b.latitude)) *
                       std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

namespace {
int Wrapped(int column, int level) {
  const int columns = static_cast<int>(std::ceil(360.0 / kCellDegrees[level]));
  return ((column % columns) + columns) % columns;
}
}  // namespace

std::string CellOf(const LatLong& point, int level) {
  return absl::StrCat(level, ":", Row(point.latitude, level), ":",
                      Wrapped(Column(point.longitude, level), level));
}

std::vector<std::string> CoveringCells(const LatLong& centre, double radius_km) {
  const double dlat = radius_km / kKmPerDegreeLatitude;
  // Longitude degrees shrink with the cosine of the latitude; near the poles the box spans all.
  const double edge_latitude = std::min(89.9, std::abs(centre.latitude) + dlat);
  const double dlon = std::min(180.0, dlat / std::cos(Radians(edge_latitude)));
  const double south = std::max(-90.0, centre.latitude - dlat);
  const double north = std::min(90.0, centre.latitude + dlat);
  for (int level = 0; level < kCellLevels; ++level) {
    const int row_min = Row(south, level), row_max = Row(north, level);
    const int col_min = Column(centre.longitude - dlon, level);
    const int col_max = Column(centre.longitude + dlon, level);
    const int64_t count = int64_t{row_max - row_min + 1} * (col_max - col_min + 1);
    if (count > kMaxCoveringCells && level + 1 < kCellLevels) continue;
    std::vector<std::string> cells;
    for (int row = row_min; row <= row_max; ++row) {
      for (int col = col_min; col <= col_max; ++col) {
        // Columns wrap around the antimeridian.
        cells.push_back(absl::StrCat(level, ":", row, ":", Wrapped(col, level)));
      }
    }
    std::sort(cells.begin(), cells.end());
    cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
    return cells;
  }
  return {};
}

}  // namespace ror::search::domain
