#include "libs/finess/etalab_writer.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "libs/finess/lambert93.h"

namespace ror::finess {
namespace {

std::string Clean(absl::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == ';') c = ',';
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string Date(const std::optional<absl::CivilDay>& day) {
  return day ? absl::FormatCivilTime(*day) : "";
}

// Back to FINESS's writing of the overseas départements (971 → 9A … 976 → 9F).
std::string FinessDepartement(const EtablissementRecord& record) {
  const std::string& d = record.departement;
  if (d.size() == 3 && d[0] == '9' && d[1] == '7' && d[2] >= '1' && d[2] <= '6') {
    return std::string{'9', static_cast<char>('A' + (d[2] - '1'))};
  }
  if (d.empty()) return record.finess_eg.substr(0, 2);
  return d;
}

}  // namespace

std::string EtalabManifestLine(int64_t count, absl::CivilDay date) {
  return absl::StrCat("finess;etalab;", count, ";", absl::FormatCivilTime(date));
}

std::string EtalabStructureEtLine(const EtablissementRecord& r) {
  absl::string_view adresse = r.adresse;
  absl::string_view voie = adresse;
  absl::string_view lieuditbp;
  if (size_t bar = adresse.find(" | "); bar != absl::string_view::npos) {
    voie = adresse.substr(0, bar);
    lieuditbp = adresse.substr(bar + 3);
  }
  std::string commune = r.code_commune.size() == 5 ? r.code_commune.substr(2) : "000";
  std::vector<std::string> fields = {
      "structureet",
      Clean(r.finess_eg),
      Clean(r.finess_ej),
      Clean(r.raison_sociale),
      Clean(r.raison_sociale_longue),
      Clean(r.complement_raison_sociale),
      Clean(r.complement_distribution),
      "",  // numvoie
      "",  // typvoie
      Clean(voie),
      "",  // compvoie
      Clean(lieuditbp),
      commune,
      FinessDepartement(r),
      "",  // libdepartement
      Clean(absl::StrCat(r.code_postal, " ", r.commune)),
      Clean(r.telephone),
      Clean(r.telecopie),
      Clean(r.categorie),
      Clean(r.libelle_categorie),
      Clean(r.categorie_agregee),
      Clean(r.libelle_categorie_agregee),
      Clean(r.siret),
      Clean(r.code_ape),
      "",  // codemft
      "",  // libmft
      Clean(r.code_sph),
      Clean(r.libelle_sph),
      Date(r.date_ouverture),
      Date(r.date_autorisation),
      Date(r.date_mise_a_jour),
      "",  // numuai
  };
  return absl::StrJoin(fields, ";");
}

std::string EtalabGeolocalisationLine(const EtablissementRecord& record, absl::CivilDay date) {
  std::string coordinates = ";;";
  if (record.latitude && record.longitude) {
    Lambert93Point point = Wgs84ToLambert93(LatLon{*record.latitude, *record.longitude});
    if (InLambert93Domain(point)) {
      coordinates = absl::StrFormat("%.1f;%.1f;ROR,CONVERSION_WGS84,LAMBERT_93", point.x, point.y);
    }
  }
  return absl::StrCat("geolocalisation;", Clean(record.finess_eg), ";", coordinates, ";",
                      absl::FormatCivilTime(date));
}

}  // namespace ror::finess
