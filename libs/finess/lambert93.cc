#include "libs/finess/lambert93.h"

#include <cmath>

namespace ror::finess {
namespace {

// Published parameters of EPSG:2154: GRS80 ellipsoid, Lambert Conformal Conic with two standard
// parallels.
constexpr double kPi = 3.14159265358979323846;
constexpr double kDegree = kPi / 180.0;
constexpr double kSemiMajorAxis = 6378137.0;
constexpr double kInverseFlattening = 298.257222101;
constexpr double kStandardParallel1 = 44.0 * kDegree;
constexpr double kStandardParallel2 = 49.0 * kDegree;
constexpr double kOriginLatitude = 46.5 * kDegree;
constexpr double kCentralMeridian = 3.0 * kDegree;
constexpr double kFalseEasting = 700000.0;
constexpr double kFalseNorthing = 6600000.0;

// Derived constants of the cone, computed once.
struct Cone {
  double e;   // first eccentricity
  double n;   // cone constant (sine of the apex half-angle)
  double af;  // a·F, the radius scale
  double r0;  // radius of the origin parallel
};

// m(φ) = cos φ / √(1 − e² sin² φ): radius of the parallel divided by a.
double ParallelRadius(double phi, double e) {
  double s = e * std::sin(phi);
  return std::cos(phi) / std::sqrt(1.0 - s * s);
}

// t(φ) = tan(π/4 − φ/2) / ((1 − e sin φ)/(1 + e sin φ))^(e/2): the conformal co-latitude term.
double ConformalTerm(double phi, double e) {
  double s = e * std::sin(phi);
  return std::tan(kPi / 4.0 - phi / 2.0) / std::pow((1.0 - s) / (1.0 + s), e / 2.0);
}

Cone MakeCone() {
  double f = 1.0 / kInverseFlattening;
  double e = std::sqrt(2.0 * f - f * f);
  double m1 = ParallelRadius(kStandardParallel1, e);
  double m2 = ParallelRadius(kStandardParallel2, e);
  double t1 = ConformalTerm(kStandardParallel1, e);
  double t2 = ConformalTerm(kStandardParallel2, e);
  double t0 = ConformalTerm(kOriginLatitude, e);
  double n = (std::log(m1) - std::log(m2)) / (std::log(t1) - std::log(t2));
  double af = kSemiMajorAxis * m1 / (n * std::pow(t1, n));
  return Cone{e, n, af, af * std::pow(t0, n)};
}

const Cone& TheCone() {
  static const Cone cone = MakeCone();
  return cone;
}

}  // namespace

LatLon Lambert93ToWgs84(Lambert93Point point) {
  const Cone& c = TheCone();
  double dx = point.x - kFalseEasting;
  double dy = c.r0 - (point.y - kFalseNorthing);
  // n > 0 for a cone opening towards the south pole, so the radius keeps its positive sign.
  double r = std::hypot(dx, dy);
  double t = std::pow(r / c.af, 1.0 / c.n);
  double theta = std::atan2(dx, dy);
  double longitude = theta / c.n + kCentralMeridian;

  // The latitude has no closed form on the ellipsoid: iterate φ = π/2 − 2·atan(t·((1−e sin φ)/
  // (1+e sin φ))^(e/2)) from the spherical guess; it converges to 1e-12 rad in a handful of steps.
  double phi = kPi / 2.0 - 2.0 * std::atan(t);
  for (int i = 0; i < 20; ++i) {
    double s = c.e * std::sin(phi);
    double next = kPi / 2.0 - 2.0 * std::atan(t * std::pow((1.0 - s) / (1.0 + s), c.e / 2.0));
    bool converged = std::fabs(next - phi) < 1e-12;
    phi = next;
    if (converged) break;
  }
  return LatLon{phi / kDegree, longitude / kDegree};
}

Lambert93Point Wgs84ToLambert93(LatLon position) {
  const Cone& c = TheCone();
  double phi = position.latitude * kDegree;
  double lambda = position.longitude * kDegree;
  double r = c.af * std::pow(ConformalTerm(phi, c.e), c.n);
  double theta = c.n * (lambda - kCentralMeridian);
  return Lambert93Point{kFalseEasting + r * std::sin(theta),
                        kFalseNorthing + c.r0 - r * std::cos(theta)};
}

bool InLambert93Domain(Lambert93Point point) {
  // EPSG:2154's area of use spans roughly x 100 km–1 250 km, y 6 040 km–7 120 km; the box below
  // keeps a margin of about 100 km on every side.
  return point.x >= 0.0 && point.x <= 1350000.0 && point.y >= 5940000.0 && point.y <= 7220000.0;
}

}  // namespace ror::finess
