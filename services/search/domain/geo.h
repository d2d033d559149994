#pragma once

// Distances on the Earth and the grid cells the index uses to find what lies near a point without
// reading every document's coordinates.

#include <string>
#include <vector>

namespace ror::search::domain {

// The mean Earth radius (IUGG), in kilometres.
inline constexpr double kEarthRadiusKm = 6371.0088;

struct LatLong {
  double latitude = 0;   // degrees, WGS84
  double longitude = 0;  // degrees
};

// Whether the point is a real WGS84 coordinate (and not the 0,0 of a missing one).
bool IsValid(const LatLong& point);

// Great-circle distance by the haversine formula, in kilometres.
double HaversineKm(const LatLong& a, const LatLong& b);

// The grid: square cells of kCellDegrees[level] degrees, a document in one cell per level. A query
// takes the finest level at which the circle is covered by at most kMaxCoveringCells cells.
inline constexpr double kCellDegrees[] = {0.1, 0.5, 2.5, 10.0};
inline constexpr int kCellLevels = 4;
inline constexpr int kMaxCoveringCells = 64;

// The cell of `point` at `level`, as an index term suffix ("<level>:<row>:<column>").
std::string CellOf(const LatLong& point, int level);

// The cells that together contain every point within `radius_km` of `centre` (a superset: the
// exact distance is checked afterwards).
std::vector<std::string> CoveringCells(const LatLong& centre, double radius_km);

}  // namespace ror::search::domain
