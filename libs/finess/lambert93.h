#pragma once

// Lambert-93 (EPSG:2154, RGF93 / GRS80) ↔ geographic coordinates.
//
// RGF93 and WGS84 differ by a few centimetres, far below what a FINESS geocode means, so the
// geographic side is used as WGS84 without a datum shift.

namespace ror::finess {

struct LatLon {
  double latitude;   // degrees, north positive
  double longitude;  // degrees, east positive
};

struct Lambert93Point {
  double x;  // easting, metres
  double y;  // northing, metres
};

// Inverse projection: Lambert-93 metres → latitude/longitude in degrees.
LatLon Lambert93ToWgs84(Lambert93Point point);

// Forward projection: latitude/longitude in degrees → Lambert-93 metres.
Lambert93Point Wgs84ToLambert93(LatLon position);

// True when the point lies in the box where Lambert-93 is meant to be used (metropolitan France
// and its surroundings, with a wide margin); coordinates outside it are data errors, not places.
bool InLambert93Domain(Lambert93Point point);

}  // namespace ror::finess
