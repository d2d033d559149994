#include "libs/finess/etalab_structure.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {
namespace {

// Positions in a structureet record (0 is the tag), from the cs1100507 spec.
enum StructureEtField : size_t {
  kNoFinessEt = 1,
  kNoFinessEj,
  kRs,
  kRsLongue,
  kComplRs,
  kComplDistrib,
  kNumVoie,
  kTypVoie,
  kVoie,
  kCompVoie,
  kLieuDitBp,
  kCommune,
  kDepartement,
  kLibDepartement,
  kLigneAcheminement,
  kTelephone,
  kTelecopie,
  kCategEtab,
  kLibCategEtab,
  kCategAgrEtab,
  kLibCategAgrEtab,
  kSiret,
  kCodeApe,
  kCodeMft,
  kLibMft,
  kCodeSph,
  kLibSph,
  kDateOuv,
  kDateAutor,
  kDateMaj,
  kNumUai,
};

void AppendWord(absl::string_view word, std::string* out) {
  if (word.empty()) return;
  if (!out->empty()) out->push_back(' ');
  out->append(word.data(), word.size());
}

// "900 RTE DE PARIS", "12 B R DU PORT | BP 139".
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

// [0-9][0-9A-Z], as the spec's typeDepartement.
bool IsDepartement(absl::string_view value) {
  return value.size() == 2 && absl::ascii_isdigit(static_cast<unsigned char>(value[0])) &&
         (absl::ascii_isdigit(static_cast<unsigned char>(value[1])) ||
          absl::ascii_isupper(static_cast<unsigned char>(value[1])));
}

// INSEE COG from FINESS's département and 3-digit commune. FINESS writes the overseas départements
// 9A (Guadeloupe) … 9F (Mayotte); their COG is "97" followed by the 3 digits FINESS gives as the
// commune (9A + 101 → 97101, Les Abymes). Corsica keeps its letters (2A004).
std::string CodeCommune(absl::string_view departement, absl::string_view commune) {
  if (departement[0] == '9' && departement[1] >= 'A' && departement[1] <= 'Z') {
    return absl::StrCat("97", commune);
  }
  return absl::StrCat(departement, commune);
}

}  // namespace

std::string ParseStructureEt(const std::vector<absl::string_view>& raw, EtablissementRecord* out) {
  if (raw.size() != kStructureEtFields && raw.size() != kStructureEtFieldsWithoutNumuai) {
    if (raw.size() > kNoFinessEt) out->finess_eg = std::string(absl::StripAsciiWhitespace(raw[1]));
    return absl::StrCat("structureet : ", raw.size(), " champs au lieu de ", kStructureEtFields);
  }
  auto field = [&raw](size_t i) { return absl::StripAsciiWhitespace(raw[i]); };

  Problems problems;
  out->finess_eg = std::string(field(kNoFinessEt));
  problems.Add(CheckFiness("nofinesset", out->finess_eg));
  out->finess_ej = std::string(field(kNoFinessEj));
  problems.Add(CheckFiness("nofinessej", out->finess_ej));
  out->raison_sociale = std::string(field(kRs));
  if (out->raison_sociale.empty()) problems.Add("rs : raison sociale absente");
  out->raison_sociale_longue = std::string(field(kRsLongue));
  out->complement_raison_sociale = std::string(field(kComplRs));
  out->complement_distribution = std::string(field(kComplDistrib));
  out->adresse = ComposeAdresse(field(kNumVoie), field(kCompVoie), field(kTypVoie), field(kVoie),
                                field(kLieuDitBp));

  absl::string_view departement = field(kDepartement);
  absl::string_view commune = field(kCommune);
  out->departement = std::string(departement);
  if (!IsDepartement(departement)) {
    problems.Add(absl::StrCat("departement : « ", departement,
                              " » (2 caractères attendus : chiffre puis chiffre ou lettre)"));
  }
  problems.Add(CheckDigits("commune", commune, 3));
  if (IsDepartement(departement) && IsDigits(commune, 3)) {
    out->code_commune = CodeCommune(departement, commune);
  }

  // "01440 VIRIAT": the postal code, one space, the libellé d'acheminement (which may say CEDEX).
  absl::string_view acheminement = field(kLigneAcheminement);
  if (acheminement.size() > 6 && IsDigits(acheminement.substr(0, 5), 5) && acheminement[5] == ' ') {
    out->code_postal = std::string(acheminement.substr(0, 5));
    out->commune = std::string(absl::StripAsciiWhitespace(acheminement.substr(6)));
  } else {
    problems.Add(absl::StrCat("ligneacheminement : « ", acheminement,
                              " » (code postal à 5 chiffres, espace, commune attendus)"));
  }

  out->telephone = std::string(field(kTelephone));
  out->telecopie = std::string(field(kTelecopie));
  out->categorie = std::string(field(kCategEtab));
  problems.Add(CheckDigits("categetab", out->categorie, 3));
  out->libelle_categorie = std::string(field(kLibCategEtab));
  out->categorie_agregee = std::string(field(kCategAgrEtab));
  out->libelle_categorie_agregee = std::string(field(kLibCategAgrEtab));
  out->siret = std::string(field(kSiret));
  out->code_ape = std::string(field(kCodeApe));
  out->code_sph = std::string(field(kCodeSph));
  out->libelle_sph = std::string(field(kLibSph));
  problems.Add(CheckDate("dateouv", field(kDateOuv), &out->date_ouverture));
  problems.Add(CheckDate("dateautor", field(kDateAutor), &out->date_autorisation));
  problems.Add(CheckDate("datemaj", field(kDateMaj), &out->date_mise_a_jour));
  // The extract lists the establishments open on its date (see EtablissementRecord::ferme).
  out->ferme = false;
  return problems.Join();
}

}  // namespace ror::finess
