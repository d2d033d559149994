#include "services/offre/domain/entite_juridique.h"

#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/finess_fiche_rules.h"

namespace ror::offre::domain {

v1::EntiteJuridiqueFiche NormalizeEntiteJuridique(v1::EntiteJuridiqueFiche f) {
  TrimStringFields(f);
  f.set_finess_ej(absl::AsciiStrToUpper(f.finess_ej()));
  return f;
}

absl::Status ValidateEntiteJuridique(const v1::EntiteJuridiqueFiche& f) {
  FieldViolations v;
  CheckFiness(f.finess_ej(), "fiche.finess_ej", "le numéro FINESS de l'entité juridique", v);
  CheckFicheText(v, "raison_sociale", "la raison sociale", f.raison_sociale(), /*required=*/true);
  for (const auto& [field, label, value] :
       {std::tuple{"raison_sociale_longue", "la raison sociale longue", &f.raison_sociale_longue()},
        std::tuple{"complement_raison_sociale", "le complément de raison sociale",
                   &f.complement_raison_sociale()},
        std::tuple{"adresse", "l'adresse", &f.adresse()},
        std::tuple{"commune", "la commune", &f.commune()},
        std::tuple{"code_commune", "le code commune", &f.code_commune()},
        std::tuple{"departement", "le département", &f.departement()},
        std::tuple{"code_ape", "le code APE", &f.code_ape()},
        std::tuple{"libelle_statut_juridique", "le libellé du statut juridique",
                   &f.libelle_statut_juridique()},
        std::tuple{"libelle_categorie", "le libellé de catégorie", &f.libelle_categorie()}}) {
    CheckFicheText(v, field, label, *value, /*required=*/false);
  }
  // FINESS's statut juridique (TRE_R72, bound by the ROR's list J199) is 2 digits.
  if (f.statut_juridique().empty()) {
    v.Add("fiche.statut_juridique", "required",
          "le statut juridique (nomenclature J199) est obligatoire");
  } else {
    CheckFicheDigits(v, "statut_juridique", "le statut juridique", f.statut_juridique(), 2);
  }
  CheckFicheDigits(v, "categorie", "la catégorie d'établissement", f.categorie(), 3);
  CheckFicheDigits(v, "code_postal", "le code postal", f.code_postal(), 5);
  CheckFicheDigits(v, "siren", "le numéro SIREN", f.siren(), 9);
  CheckFicheDigits(v, "telephone", "le numéro de téléphone", f.telephone(), 10);
  CheckFicheDate(v, "date_creation", "la date de création", f.date_creation());
  CheckFicheDate(v, "date_mise_a_jour_finess", "la date de mise à jour FINESS",
                 f.date_mise_a_jour_finess());
  return v.ToStatus();
}

absl::StatusOr<std::vector<EntiteJuridiqueEvent>> Decide(const EntiteJuridiqueState& state,
                                                         const EntiteJuridiqueCommand& command) {
  const auto& import = std::get<ImportEntiteJuridique>(command);
  v1::EntiteJuridiqueFiche fiche = NormalizeEntiteJuridique(import.fiche);
  if (absl::Status valid = ValidateEntiteJuridique(fiche); !valid.ok()) return valid;
  const std::string number = fiche.finess_ej();
  return DecideFicheImport<EntiteJuridiqueEvent, EntiteJuridiqueImported>(
      state, state.fiche.finess_ej(), std::move(fiche), number, "l'entité juridique", import.source,
      import.now);
}

EntiteJuridiqueState Evolve(EntiteJuridiqueState state, const EntiteJuridiqueEvent& event) {
  return EvolveFicheImport(std::move(state), std::get<EntiteJuridiqueImported>(event));
}

}  // namespace ror::offre::domain
