#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "libs/finess/lambert93.h"

namespace ror::finess {

// A `geolocalisation` record: nofinesset;coordxet;coordyet;sourcecoordet;datemaj.
struct Geolocalisation {
  int line = 0;
  std::string finess;
  std::optional<LatLon> position;  // WGS84, when the coordinates were Lambert-93
  std::string note;                // why there is no position, in French, when there is none
  bool not_converted = false;      // coordinates given, but not in Lambert-93
};

// True when `sourcecoordet` names Lambert-93. Older extracts end the source with "LAMBERT_93"
// ("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"), recent ones give the EPSG code and name
// ("…,EPSG:2154 RGF93 / Lambert-93 (Métropole)"); overseas sources name a UTM zone instead.
bool IsLambert93Source(absl::string_view source);

// Reads the ';'-split fields of a geolocalisation line (fields[0] is the tag) into `*out`.
// Returns why the line is rejected, in French, or an empty string. Coordinates in another
// projection are not an error: `out->note` says they were not converted.
std::string ParseGeolocalisation(const std::vector<absl::string_view>& fields,
                                 Geolocalisation* out);

}  // namespace ror::finess
