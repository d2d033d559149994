#include "libs/nomenclature/list_catalog.h"

namespace ror::nomenclature {
namespace {

struct Title {
  absl::string_view short_id;
  absl::string_view title;
};

// The lists of shared/data/nomenclatures and the JDV they stand in for (reference/ror-domain.md §4).
constexpr Title kTitles[] = {
    {"J16", "Acte spécifique"},
    {"J17", "Activité opérationnelle"},
    {"J18", "Équipement spécifique"},
    {"J19", "Mode de prise en charge"},
    {"J20", "Champ d'activité"},
    {"J29", "Public pris en charge"},
    {"J30", "Temporalité d'accueil"},
    {"J33", "Compétence spécifique"},
    {"J35", "Spécialisation de prise en charge"},
    {"J51", "Famille d'activité opérationnelle"},
    {"J55", "Catégorie d'établissement géographique"},
    {"J186", "Profession de la ressource"},
    {"J187", "Nature de capacité"},
    {"J188", "Type de statut de capacité"},
    {"J189", "Temporalité de capacité"},
    {"J190", "Genre de capacité"},
    {"J191", "Type de fermeture de capacité"},
    {"J192", "Type de lit supplémentaire"},
    {"J193", "Type de source de capacité"},
    {"J194", "Type de crise"},
    {"J195", "Affectation temporaire"},
    {"J198", "Fonction du lieu"},
    {"J203", "Type d'organisation interne"},
    {"J220", "Fonction du contact"},
    {"J222", "Niveau de confidentialité"},
    {"J224", "Statut du lieu"},
    {"J225", "Canal de communication"},
    {"J226", "Modalité d'accueil"},
    {"J227", "Niveau d'expertise"},
    {"J237", "Région"},
    {"J238", "Type d'offre"},
    {"R203", "Statut du lieu"},
    {"R239", "Public pris en charge"},
    {"R329", "Nature de capacité"},
    {"R338", "Modalité d'accueil"},
};

// From shared/data/nomenclatures/README.md: R338 is the source of J226, R239 is J29, R203 is used
// by J224, J187 is drawn from R329 (whether it holds 03 Logement is not confirmed).
constexpr StandIn kStandIns[] = {
    {"J29", "R239"},
    {"J187", "R329"},
    {"J224", "R203"},
    {"J226", "R338"},
};

}  // namespace

absl::string_view FrenchTitle(absl::string_view short_id) {
  for (const Title& t : kTitles) {
    if (t.short_id == short_id) return t.title;
  }
  return {};
}

absl::Span<const StandIn> StandIns() { return kStandIns; }

}  // namespace ror::nomenclature
