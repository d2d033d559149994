#include "libs/finess/etalab_structure_ej.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/finess/etalab_address.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {
namespace {

// Positions in a structureej record (0 is the tag), from the cs1100501 spec. The address fields do
// not stand in the structureet order: compldistrib follows compvoie, ligneacheminement commune.
enum StructureEjField : size_t {
  kNoFiness = 1,
  kRs,
  kRsLongue,
  kComplRs,
  kNumVoie,
  kTypVoie,
  kVoie,
  kCompVoie,
  kComplDistrib,
  kLieuDitBp,
  kCommune,
  kLigneAcheminement,
  kDepartement,
  kLibDepartement,
  kTelephone,
  kStatutJuridique,
  kLibStatutJuridique,
  kCategEtab,
  kLibCategEtab,
  kSiren,
  kCodeApe,
  kDateCrea,
  kDateMaj,
};

// For the optional fields of fixed width: empty is fine.
std::string CheckDigitsWhenPresent(absl::string_view field, absl::string_view value, size_t count) {
  return value.empty() ? "" : CheckDigits(field, value, count);
}

}  // namespace

std::string ParseStructureEj(const std::vector<absl::string_view>& raw,
                             EntiteJuridiqueRecord* out) {
  if (raw.size() != kStructureEjFields && raw.size() != kStructureEjFieldsWithDateMaj) {
    if (raw.size() > kNoFiness) out->finess_ej = std::string(absl::StripAsciiWhitespace(raw[1]));
    return absl::StrCat("structureej : ", raw.size(), " champs au lieu de ", kStructureEjFields,
                        " (", kStructureEjFieldsWithDateMaj, " avec datemaj)");
  }
  auto field = [&raw](size_t i) { return absl::StripAsciiWhitespace(raw[i]); };

  Problems problems;
  out->finess_ej = std::string(field(kNoFiness));
  problems.Add(CheckFiness("nofiness", out->finess_ej));
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
  problems.Add(CheckDigitsWhenPresent("telephone", out->telephone, 10));
  // Not nillable in the spec, unlike categetab, siren and the other codes.
  out->statut_juridique = std::string(field(kStatutJuridique));
  problems.Add(CheckDigits("statutjuridique", out->statut_juridique, 2));
  out->libelle_statut_juridique = std::string(field(kLibStatutJuridique));
  out->categorie = std::string(field(kCategEtab));
  problems.Add(CheckDigitsWhenPresent("categetab", out->categorie, 3));
  out->libelle_categorie = std::string(field(kLibCategEtab));
  out->siren = std::string(field(kSiren));
  problems.Add(CheckDigitsWhenPresent("siren", out->siren, 9));
  out->code_ape = std::string(field(kCodeApe));

  absl::string_view datecrea = field(kDateCrea);
  if (datecrea.empty()) {
    out->date_creation.reset();
    problems.Add("datecrea : date de création absente (AAAA-MM-JJ attendu)");
  } else {
    problems.Add(CheckDate("datecrea", datecrea, &out->date_creation));
  }
  if (raw.size() == kStructureEjFieldsWithDateMaj) {
    problems.Add(CheckDate("datemaj", field(kDateMaj), &out->date_mise_a_jour));
  } else {
    out->date_mise_a_jour.reset();
  }
  return problems.Join();
}

}  // namespace ror::finess
