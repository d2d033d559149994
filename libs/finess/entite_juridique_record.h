#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"

namespace ror::finess {

// One FINESS entité juridique (EJ), the legal body its établissements géographiques belong to, as
// read from a `structureej` record of an etalab extract (cs1100501). Text is UTF-8.
struct EntiteJuridiqueRecord {
  int line = 0;  // line of the structureej record, from 1

  std::string finess_ej;  // nofiness
  std::string raison_sociale;
  std::string raison_sociale_longue;
  std::string complement_raison_sociale;
  std::string complement_distribution;  // "compldistrib", kept out of `adresse` as for EGs

  std::string adresse;       // composed as EtablissementRecord::adresse: "900 RTE DE PARIS | BP 1"
  std::string code_postal;   // from ligneacheminement
  std::string commune;       // libellé from ligneacheminement: "01440 VIRIAT" → "VIRIAT"
  std::string code_commune;  // INSEE COG, as EtablissementRecord::code_commune (9A..9F → 97xxx)
  std::string departement;   // as FINESS writes it: "01", "2A", "9A"
  std::string telephone;

  std::string statut_juridique;  // 2 digits, FINESS TRE_R72 (ROR list J199); always present
  std::string libelle_statut_juridique;
  std::string categorie;  // categetab (3 digits) when the extract gives one
  std::string libelle_categorie;
  std::string siren;  // 9 digits when present
  std::string code_ape;

  std::optional<absl::CivilDay> date_creation;     // datecrea; set on every accepted record
  std::optional<absl::CivilDay> date_mise_a_jour;  // the trailing datemaj, when the line has one
};

}  // namespace ror::finess
