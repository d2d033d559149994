#include "services/offre/domain/etablissement.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/finess_fiche_rules.h"

namespace ror::offre::domain {
namespace {

// A FINESS category (J55) is a TRE_R66 number of 3 digits or a TRE_R02 sector code (SA05…).
bool IsCategorieFormat(absl::string_view code) {
  return !code.empty() && code.size() <= 4 &&
         std::all_of(code.begin(), code.end(), [](char c) { return absl::ascii_isalnum(c); });
}

}  // namespace

v1::EtablissementFiche NormalizeFiche(v1::EtablissementFiche f) {
  TrimStringFields(f);
  f.set_finess_eg(absl::AsciiStrToUpper(f.finess_eg()));
  f.set_finess_ej(absl::AsciiStrToUpper(f.finess_ej()));
  if (!f.has_coordonnees()) {
    f.clear_latitude();
    f.clear_longitude();
  }
  return f;
}

absl::Status ValidateFiche(const v1::EtablissementFiche& f) {
  FieldViolations v;
  CheckFiness(f.finess_eg(), "fiche.finess_eg", kFinessEgLabel, v);
  CheckFiness(f.finess_ej(), "fiche.finess_ej", "le numéro FINESS de l'entité juridique", v);
  CheckFicheText(v, "raison_sociale", "la raison sociale", f.raison_sociale(), /*required=*/true);
  for (const auto& [field, label, value] :
       {std::tuple{"raison_sociale_longue", "la raison sociale longue", &f.raison_sociale_longue()},
        std::tuple{"complement_raison_sociale", "le complément de raison sociale",
                   &f.complement_raison_sociale()},
        std::tuple{"adresse", "l'adresse", &f.adresse()},
        std::tuple{"commune", "la commune", &f.commune()},
        std::tuple{"libelle_categorie", "le libellé de catégorie", &f.libelle_categorie()}}) {
    CheckFicheText(v, field, label, *value, /*required=*/false);
  }
  if (f.categorie().empty()) {
    v.Add("fiche.categorie", "required",
          "la catégorie d'établissement (nomenclature J55) est obligatoire");
  } else if (!IsCategorieFormat(f.categorie())) {
    v.Add("fiche.categorie", "format",
          absl::StrCat("la catégorie d'établissement est un code de la nomenclature J55 (",
                       Quote(f.categorie()), " reçu)"));
  }
  CheckFicheDigits(v, "code_postal", "le code postal", f.code_postal(), 5);
  CheckFicheDigits(v, "siret", "le numéro SIRET", f.siret(), 14);
  CheckFicheDigits(v, "telephone", "le numéro de téléphone", f.telephone(), 10);
  CheckFicheDigits(v, "telecopie", "le numéro de télécopie", f.telecopie(), 10);
  CheckFicheDate(v, "date_ouverture", "la date d'ouverture", f.date_ouverture());
  CheckFicheDate(v, "date_mise_a_jour_finess", "la date de mise à jour FINESS",
                 f.date_mise_a_jour_finess());
  CheckFicheDate(v, "date_fermeture", "la date de fermeture", f.date_fermeture());
  if (f.has_coordonnees()) {
    if (!(f.latitude() >= -90 && f.latitude() <= 90)) {
      v.Add("fiche.latitude", "range", "la latitude est comprise entre -90 et 90 degrés");
    }
    if (!(f.longitude() >= -180 && f.longitude() <= 180)) {
      v.Add("fiche.longitude", "range", "la longitude est comprise entre -180 et 180 degrés");
    }
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<EtablissementEvent>> Decide(const EtablissementState& state,
                                                       const EtablissementCommand& command) {
  const auto& import = std::get<ImportEtablissement>(command);
  v1::EtablissementFiche fiche = NormalizeFiche(import.fiche);
  if (absl::Status valid = ValidateFiche(fiche); !valid.ok()) return valid;
  const std::string number = fiche.finess_eg();
  return DecideFicheImport<EtablissementEvent, EtablissementImported>(
      state, state.fiche.finess_eg(), std::move(fiche), number, "l'établissement", import.source,
      import.now);
}

EtablissementState Evolve(EtablissementState state, const EtablissementEvent& event) {
  return EvolveFicheImport(std::move(state), std::get<EtablissementImported>(event));
}

}  // namespace ror::offre::domain
