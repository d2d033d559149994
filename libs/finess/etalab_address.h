#pragma once

// The address and commune fields that the etalab structureet and structureej records write alike,
// read the same way for both so that an EG and its EJ compare field by field.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"
#include "libs/finess/field_rules.h"

namespace ror::finess {

// One line: "numvoie compvoie typvoie voie", then " | lieu-dit/BP" when there is one ("900 RTE DE
// PARIS", "700 B AV DE NARVIK | BP 139"). The complement follows the number it qualifies, as the
// flattened CSV writes it.
std::string ComposeAdresse(absl::string_view numvoie, absl::string_view compvoie,
                           absl::string_view typvoie, absl::string_view voie,
                           absl::string_view lieuditbp);

// Where a record is, from its departement, commune and ligneacheminement fields.
struct Locality {
  std::string departement;   // as written, even when malformed
  std::string code_commune;  // INSEE COG; empty when departement or commune is malformed
  std::string code_postal;   // empty when ligneacheminement is malformed
  std::string commune;       // libellé d'acheminement: "01440 VIRIAT" → "VIRIAT"
};

// Reads the three (trimmed) fields, adding to `problems` each one that breaks the spec's pattern:
// departement [0-9][0-9A-Z], commune 3 digits, ligneacheminement "<5 digits> <libellé>".
// The COG is département + commune ("2A004" in Corsica), except that FINESS writes the overseas
// départements 9A (Guadeloupe) … 9F (Mayotte) whose COG begins with 97: "9A" + "101" → "97101".
Locality ParseLocality(absl::string_view departement, absl::string_view commune,
                       absl::string_view ligneacheminement, Problems* problems);

// Where a record writes its raison sociale and address: the positions of those fields, which
// differ between structureet and structureej.
struct NameAndAddressFields {
  size_t rs, rslongue, complrs, compldistrib;
  size_t numvoie, typvoie, voie, compvoie, lieuditbp;
  size_t commune, departement, ligneacheminement;
};

// Reads them from the ';'-split `raw` into `out` (an EtablissementRecord or an
// EntiteJuridiqueRecord, which name them alike), adding to `problems` what breaks the spec.
template <typename Record>
void ReadNameAndAddress(const std::vector<absl::string_view>& raw, const NameAndAddressFields& at,
                        Record* out, Problems* problems) {
  auto field = [&raw](size_t i) { return absl::StripAsciiWhitespace(raw[i]); };
  out->raison_sociale = std::string(field(at.rs));
  if (out->raison_sociale.empty()) problems->Add("rs : raison sociale absente");
  out->raison_sociale_longue = std::string(field(at.rslongue));
  out->complement_raison_sociale = std::string(field(at.complrs));
  out->complement_distribution = std::string(field(at.compldistrib));
  out->adresse = ComposeAdresse(field(at.numvoie), field(at.compvoie), field(at.typvoie),
                                field(at.voie), field(at.lieuditbp));
  Locality locality = ParseLocality(field(at.departement), field(at.commune),
                                    field(at.ligneacheminement), problems);
  out->departement = std::move(locality.departement);
  out->code_commune = std::move(locality.code_commune);
  out->code_postal = std::move(locality.code_postal);
  out->commune = std::move(locality.commune);
}

}  // namespace ror::finess
