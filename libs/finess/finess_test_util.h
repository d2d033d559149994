#pragma once

// Collects what ReadFinessText / ReadFinessFile hand over, for assertions.

#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/finess/finess_reader.h"

namespace ror::finess::testing {

struct Collected {
  absl::Status status;
  std::vector<EtablissementRecord> records;
  std::vector<EntiteJuridiqueRecord> entites_juridiques;  // only with ReadTextWithEj
  std::vector<Rejection> rejections;
  FileInfo info;
};

inline Collected ReadText(absl::string_view text) {
  Collected c;
  c.status = ReadFinessText(
      text, [&c](EtablissementRecord&& r) { c.records.push_back(std::move(r)); },
      [&c](const Rejection& r) { c.rejections.push_back(r); }, &c.info);
  return c;
}

// Same, asking for the entités juridiques too.
inline Collected ReadTextWithEj(absl::string_view text) {
  Collected c;
  c.status = ReadFinessText(
      text, [&c](EtablissementRecord&& r) { c.records.push_back(std::move(r)); },
      [&c](const Rejection& r) { c.rejections.push_back(r); }, &c.info,
      [&c](EntiteJuridiqueRecord&& r) { c.entites_juridiques.push_back(std::move(r)); });
  return c;
}

inline Collected ReadFile(const std::string& path) {
  Collected c;
  c.status = ReadFinessFile(
      path, [&c](EtablissementRecord&& r) { c.records.push_back(std::move(r)); },
      [&c](const Rejection& r) { c.rejections.push_back(r); }, &c.info);
  return c;
}

// Ground distance in metres between two nearby WGS84 positions (equirectangular; exact enough
// below a few kilometres).
inline double DistanceMetres(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kMetresPerDegree = 6371008.8 * 3.14159265358979323846 / 180.0;
  double mean_lat = (lat1 + lat2) / 2.0 * 3.14159265358979323846 / 180.0;
  return std::hypot((lat1 - lat2) * kMetresPerDegree,
                    (lon1 - lon2) * kMetresPerDegree * std::cos(mean_lat));
}

}  // namespace ror::finess::testing
