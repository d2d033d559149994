#include "libs/finess/etalab_address.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ror::finess {
namespace {

void AppendWord(absl::string_view word, std::string* out) {
  if (word.empty()) return;
  if (!out->empty()) out->push_back(' ');
  out->append(word.data(), word.size());
}

// [0-9][0-9A-Z], as the spec's typeDepartement.
bool IsDepartement(absl::string_view value) {
  return value.size() == 2 && absl::ascii_isdigit(static_cast<unsigned char>(value[0])) &&
         (absl::ascii_isdigit(static_cast<unsigned char>(value[1])) ||
          absl::ascii_isupper(static_cast<unsigned char>(value[1])));
}

// `departement` must pass IsDepartement.
std::string CodeCommune(absl::string_view departement, absl::string_view commune) {
  if (departement[0] == '9' && departement[1] >= 'A' && departement[1] <= 'Z') {
    return absl::StrCat("97", commune);
  }
  return absl::StrCat(departement, commune);
}

}  // namespace

std::string ComposeAdresse(absl::string_view numvoie, absl::string_view compvoie,
                           absl::string_view typvoie, absl::string_view voie,
                           absl::string_view lieuditbp) {
  std::string adresse;
  AppendWord(numvoie, &adresse);
  AppendWord(compvoie, &adresse);
  AppendWord(typvoie, &adresse);
  AppendWord(voie, &adresse);
  if (!lieuditbp.empty()) {
    if (!adresse.empty()) adresse.append(" | ");
    adresse.append(lieuditbp.data(), lieuditbp.size());
  }
  return adresse;
}

Locality ParseLocality(absl::string_view departement, absl::string_view commune,
                       absl::string_view ligneacheminement, Problems* problems) {
  Locality locality;
  locality.departement = std::string(departement);
  if (!IsDepartement(departement)) {
    problems->Add(absl::StrCat("departement : « ", departement,
                               " » (2 caractères attendus : chiffre puis chiffre ou lettre)"));
  }
  problems->Add(CheckDigits("commune", commune, 3));
  if (IsDepartement(departement) && IsDigits(commune, 3)) {
    locality.code_commune = CodeCommune(departement, commune);
  }

  // The libellé d'acheminement after the postal code may say CEDEX ("35033 RENNES CEDEX 9").
  if (ligneacheminement.size() > 6 && IsDigits(ligneacheminement.substr(0, 5), 5) &&
      ligneacheminement[5] == ' ') {
    locality.code_postal = std::string(ligneacheminement.substr(0, 5));
    locality.commune = std::string(absl::StripAsciiWhitespace(ligneacheminement.substr(6)));
  } else {
    problems->Add(absl::StrCat("ligneacheminement : « ", ligneacheminement,
                               " » (code postal à 5 chiffres, espace, commune attendus)"));
  }
  return locality;
}

}  // namespace ror::finess
