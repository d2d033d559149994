#pragma once

#include <optional>
#include <string>

#include "absl/time/civil_time.h"

namespace ror::finess {

// One FINESS établissement géographique (EG, "ET" in FINESS files) as read from an extract,
// whichever of the two supported formats it came from. Text is UTF-8.
struct EtablissementRecord {
  int line = 0;  // line of the structureet record (etalab) or of the row's start (CSV), from 1

  std::string finess_eg;  // nofinesset
  std::string finess_ej;  // nofinessej: the entité juridique the EG belongs to
  std::string raison_sociale;
  std::string raison_sociale_longue;      // etalab only
  std::string complement_raison_sociale;  // etalab only
  std::string complement_distribution;    // etalab only ("compldistrib", kept out of `adresse`)

  // One line. Etalab: "numvoie compvoie typvoie voie", then " | lieu-dit/BP" when there is one —
  // the complement (B, T, Q…) follows the number it qualifies, as in the flattened CSV, which
  // writes the same composition. CSV: as given.
  std::string adresse;
  std::string code_postal;
  std::string commune;  // libellé (etalab: ligneacheminement "01440 VIRIAT" → "VIRIAT")
  // INSEE COG of the commune (etalab): département + 3-digit commune, "2A004" in Corsica; FINESS
  // writes the overseas départements 9A..9F, whose COG begins with 97 ("9A" + "101" → "97101").
  // Empty when the file does not say (CSV).
  std::string code_commune;
  std::string departement;  // as FINESS writes it: "01", "2A", "9A"
  std::string telephone;
  std::string telecopie;

  std::string categorie;  // categetab, FINESS TRE_R66 (3 digits)
  std::string libelle_categorie;
  std::string categorie_agregee;  // categagretab (4 digits)
  std::string libelle_categorie_agregee;
  std::string siret;
  std::string code_ape;
  std::string code_sph;  // participation au service public hospitalier
  std::string libelle_sph;

  std::optional<absl::CivilDay> date_ouverture;
  std::optional<absl::CivilDay> date_autorisation;  // etalab only
  std::optional<absl::CivilDay> date_mise_a_jour;

  // WGS84 degrees. Etalab: converted from Lambert-93; absent when the extract has no coordinates or
  // gives them in a projection this library does not convert (see `note_geolocalisation`).
  std::optional<double> latitude;
  std::optional<double> longitude;
  // Why an etalab record has no position although it could have one, in French; empty otherwise.
  std::string note_geolocalisation;

  // CSV: the `active` column is False. Etalab: always false — the etalab extract publishes the
  // establishments open on its date; a closed one is detected by its absence from a later extract.
  bool ferme = false;
};

}  // namespace ror::finess
