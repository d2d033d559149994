#include "libs/finess/etalab_geolocalisation.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {

bool IsLambert93Source(absl::string_view source) {
  // Compare on letters and digits only, so LAMBERT_93, Lambert-93, "LAMBERT 93" and EPSG:2154
  // all match.
  std::string folded;
  folded.reserve(source.size());
  for (char c : source) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      folded.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
    }
  }
  return absl::StrContains(folded, "LAMBERT93") || absl::StrContains(folded, "EPSG2154");
}

std::string ParseGeolocalisation(const std::vector<absl::string_view>& raw, Geolocalisation* out) {
  // datemaj is nillable and a line cut before it is still usable.
  if (raw.size() != 6 && raw.size() != 5) {
    if (raw.size() > 1) out->finess = std::string(absl::StripAsciiWhitespace(raw[1]));
    return absl::StrCat("geolocalisation : ", raw.size(), " champs au lieu de 6");
  }
  out->finess = std::string(absl::StripAsciiWhitespace(raw[1]));
  if (std::string error = CheckFiness("nofinesset", out->finess); !error.empty()) return error;

  absl::string_view x_text = absl::StripAsciiWhitespace(raw[2]);
  absl::string_view y_text = absl::StripAsciiWhitespace(raw[3]);
  absl::string_view source = absl::StripAsciiWhitespace(raw[4]);
  if (x_text.empty() && y_text.empty()) {
    out->note = "coordonnées absentes de l'extrait";
    return "";
  }
  if (x_text.empty() || y_text.empty()) {
    return "coordxet/coordyet : une seule des deux coordonnées est renseignée";
  }
  Problems problems;
  Lambert93Point point{};
  problems.Add(CheckNumber("coordxet", x_text, &point.x));
  problems.Add(CheckNumber("coordyet", y_text, &point.y));
  if (!problems.empty()) return problems.Join();

  if (!IsLambert93Source(source)) {
    out->not_converted = true;
    out->note = source.empty()
                    ? "source des coordonnées absente : projection inconnue, coordonnées non "
                      "converties"
                    : absl::StrCat("coordonnées en projection « ", source,
                                   " » non converties (seul Lambert-93 est pris en charge)");
    return "";
  }
  if (!InLambert93Domain(point)) {
    return absl::StrCat("coordxet/coordyet : (", x_text, ", ", y_text,
                        ") hors du domaine Lambert-93 (France métropolitaine)");
  }
  out->position = Lambert93ToWgs84(point);
  return "";
}

}  // namespace ror::finess
