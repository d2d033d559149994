#include "services/offre/domain/champ_activite.h"

namespace ror::offre::domain {
namespace {

// JDV_J20-ChampActivite-ROR (shared/data/nomenclatures), code system TRE_R227.
constexpr ChampActivite kChampsActivite[] = {
    {"01", "Médecine, Chirurgie, Obstétrique (MCO)"},
    {"02", "Soins Médicaux et de réadaptation (SMR)"},
    {"03", "Psychiatrie (PSY)"},
    {"04", "Médico-social (MS)"},
    {"05", "Ville"},
    {"06", "Social"},
};

}  // namespace

std::optional<ChampActivite> FindChampActivite(absl::string_view code) {
  for (const ChampActivite& champ : kChampsActivite) {
    if (champ.code == code) return champ;
  }
  return std::nullopt;
}

absl::string_view ChampActiviteCodesForHumans() {
  return "01 (MCO), 02 (SMR), 03 (PSY), 04 (médico-social), 05 (ville), 06 (social)";
}

}  // namespace ror::offre::domain
