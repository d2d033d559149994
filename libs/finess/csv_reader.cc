#include "libs/finess/csv_reader.h"

#include <array>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/finess/csv_tokenizer.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {
namespace {

enum Column : size_t {
  kNoFinessEt,
  kNoFinessEj,
  kRs,
  kAdresse,
  kCodePostal,
  kCommune,
  kDepartement,
  kTelephone,
  kTelecopie,
  kCategEtab,
  kLibCategEtab,
  kCategAgrEtab,
  kLibCategAgrEtab,
  kSiret,
  kCodeApe,
  kCodeSph,
  kLibSph,
  kDateOuv,
  kDateMaj,
  kLatitude,
  kLongitude,
  kActive,
  kColumnCount,
};
static_assert(std::size(kCsvColumns) == kColumnCount);

using ColumnIndex = std::array<size_t, kColumnCount>;  // Column → position in the row

absl::Status IndexHeader(const CsvRow& header, ColumnIndex* index) {
  if (!header.error.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("en-tête CSV illisible : ", header.error));
  }
  absl::flat_hash_map<std::string, size_t> position;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    position.try_emplace(absl::AsciiStrToLower(absl::StripAsciiWhitespace(header.fields[i])), i);
  }
  std::vector<absl::string_view> missing;
  for (size_t c = 0; c < kColumnCount; ++c) {
    auto it = position.find(kCsvColumns[c]);
    if (it == position.end()) {
      missing.push_back(kCsvColumns[c]);
    } else {
      (*index)[c] = it->second;
    }
  }
  if (!missing.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("en-tête CSV : colonne(s) manquante(s) : ", absl::StrJoin(missing, ", ")));
  }
  return absl::OkStatus();
}

// "True"/"False" as Python writes them; 1/0 and other cases accepted too.
std::string CheckActive(absl::string_view value, bool* active) {
  std::string lower = absl::AsciiStrToLower(value);
  if (lower == "true" || lower == "1") {
    *active = true;
    return "";
  }
  if (lower == "false" || lower == "0") {
    *active = false;
    return "";
  }
  return absl::StrCat("active : « ", value, " » (True ou False attendu)");
}

// Latitude and longitude: both or neither.
std::string CheckPosition(absl::string_view lat_text, absl::string_view lon_text,
                          EtablissementRecord* out) {
  if (lat_text.empty() && lon_text.empty()) return "";
  if (lat_text.empty() || lon_text.empty()) {
    return "latitude/longitude : une seule des deux coordonnées est renseignée";
  }
  Problems problems;
  double latitude = 0;
  double longitude = 0;
  problems.Add(CheckNumber("latitude", lat_text, &latitude));
  problems.Add(CheckNumber("longitude", lon_text, &longitude));
  if (!problems.empty()) return problems.Join();
  problems.Add(CheckLatitude(latitude));
  problems.Add(CheckLongitude(longitude));
  if (!problems.empty()) return problems.Join();
  out->latitude = latitude;
  out->longitude = longitude;
  return "";
}

std::string ParseRow(const CsvRow& row, const ColumnIndex& index, EtablissementRecord* out) {
  auto field = [&](Column c) {
    return std::string(absl::StripAsciiWhitespace(row.fields[index[c]]));
  };
  Problems problems;
  out->finess_eg = field(kNoFinessEt);
  problems.Add(CheckFiness("nofinesset", out->finess_eg));
  out->finess_ej = field(kNoFinessEj);
  problems.Add(CheckFiness("nofinessej", out->finess_ej));
  out->raison_sociale = field(kRs);
  if (out->raison_sociale.empty()) problems.Add("rs : raison sociale absente");
  out->adresse = field(kAdresse);
  out->code_postal = field(kCodePostal);
  out->commune = field(kCommune);
  out->departement = field(kDepartement);
  out->telephone = field(kTelephone);
  out->telecopie = field(kTelecopie);
  out->categorie = field(kCategEtab);
  problems.Add(CheckDigits("categetab", out->categorie, 3));
  out->libelle_categorie = field(kLibCategEtab);
  out->categorie_agregee = field(kCategAgrEtab);
  out->libelle_categorie_agregee = field(kLibCategAgrEtab);
  out->siret = field(kSiret);
  out->code_ape = field(kCodeApe);
  out->code_sph = field(kCodeSph);
  out->libelle_sph = field(kLibSph);
  problems.Add(CheckDate("dateouv", field(kDateOuv), &out->date_ouverture));
  problems.Add(CheckDate("datemaj", field(kDateMaj), &out->date_mise_a_jour));
  problems.Add(CheckPosition(field(kLatitude), field(kLongitude), out));
  bool active = true;
  problems.Add(CheckActive(field(kActive), &active));
  out->ferme = !active;
  return problems.Join();
}

}  // namespace

absl::Status ReadFlatCsv(absl::string_view text, const RecordSink& on_record,
                         const RejectionSink& on_rejection, FileInfo* info) {
  CsvTokenizer tokenizer(text);
  CsvRow row;
  ColumnIndex index{};
  if (!tokenizer.Next(&row)) return absl::InvalidArgumentError("fichier CSV vide");
  if (absl::Status status = IndexHeader(row, &index); !status.ok()) return status;
  const size_t width = row.fields.size();

  absl::flat_hash_map<std::string, int> first_line_of;  // nofinesset → row line
  while (tokenizer.Next(&row)) {
    if (!row.error.empty()) {
      on_rejection(Rejection{row.line, "", std::move(row.error)});
      continue;
    }
    if (row.fields.size() == 1 && absl::StripAsciiWhitespace(row.fields[0]).empty()) continue;
    if (row.fields.size() != width) {
      std::string finess;
      if (index[kNoFinessEt] < row.fields.size()) {
        finess = std::string(absl::StripAsciiWhitespace(row.fields[index[kNoFinessEt]]));
      }
      on_rejection(
          Rejection{row.line, std::move(finess),
                    absl::StrCat(row.fields.size(), " champs au lieu de ", width, " (en-tête)")});
      continue;
    }
    EtablissementRecord record;
    record.line = row.line;
    std::string reason = ParseRow(row, index, &record);
    if (!reason.empty()) {
      on_rejection(Rejection{row.line, record.finess_eg, std::move(reason)});
      continue;
    }
    auto [seen, inserted] = first_line_of.try_emplace(record.finess_eg, row.line);
    if (!inserted) {
      on_rejection(
          Rejection{row.line, record.finess_eg,
                    absl::StrCat("nofinesset : établissement déjà présent ligne ", seen->second)});
      continue;
    }
    if (record.latitude) ++info->geolocated;
    on_record(std::move(record));
  }
  return absl::OkStatus();
}

}  // namespace ror::finess
