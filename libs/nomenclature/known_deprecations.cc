#include "libs/nomenclature/known_deprecations.h"

namespace ror::nomenclature {
namespace {

struct Concept {
  absl::string_view code_system;
  absl::string_view code;
};

constexpr absl::string_view kModaliteAccueil =
    "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil";

// shared/data/nomenclatures/README.md, TRE_R338 CodeSystem version 20260928120000: "codes 12 and
// 27 are status=deprecated". Add a line here only with the NOS release that says so.
constexpr Concept kDeprecated[] = {
    {kModaliteAccueil, "12"},  // Téléexpertise en plus de 7 jours
    {kModaliteAccueil, "27"},  // Soins à domicile
};

}  // namespace

bool IsKnownDeprecated(absl::string_view code_system, absl::string_view code) {
  for (const Concept& c : kDeprecated) {
    if (c.code_system == code_system && c.code == code) return true;
  }
  return false;
}

}  // namespace ror::nomenclature
