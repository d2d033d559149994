#include "libs/finess/etalab_structure.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/finess/etalab_address.h"
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
  ReadNameAndAddress(raw,
                     {.rs = kRs,
                      .rslongue = kRsLongue,
                      .complrs = kComplRs,
                      .compldistrib = kComplDistrib,
                      .numvoie = kNumVoie,
                      .typvoie = kTypVoie,
                      .voie = kVoie,
                      .compvoie = kCompVoie,
                      .lieuditbp = kLieuDitBp,
                      .commune = kCommune,
                      .departement = kDepartement,
                      .ligneacheminement = kLigneAcheminement},
                     out, &problems);

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
