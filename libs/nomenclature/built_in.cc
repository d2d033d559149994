// Nomenclatures::BuiltIn(): the few lists a service needs to run the `./ror up` demo without the
// nomenclature directory. Entries are copied from shared/data/nomenclatures (same code, label and
// system; nomenclature_real_data_test checks it); truncated lists say so with complete() == false,
// so a message can tell a user the server knows only part of the list.

#include <cstdio>
#include <cstdlib>
#include <utility>
#include <vector>

#include "libs/nomenclature/code_table.h"
#include "libs/nomenclature/nomenclatures.h"
#include "libs/nomenclature/supplementary_lists.h"

namespace ror::nomenclature {
namespace {

constexpr char kR227[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R227-ChampActivite/FHIR/TRE-R227-ChampActivite";
constexpr char kR213[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R213-ModePriseEnCharge/FHIR/TRE-R213-ModePriseEnCharge";
constexpr char kR66[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R66-CategorieEtablissement/FHIR/"
    "TRE-R66-CategorieEtablissement";
constexpr char kR207[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R207-TypeOrganisationInterne/FHIR/"
    "TRE-R207-TypeOrganisationInterne";
constexpr char kR67[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R67-TypeStructure-EJ-EG/FHIR/TRE-R67-TypeStructure-EJ-EG";
constexpr char kR211[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/"
    "TRE-R211-ActiviteOperationnelle";
constexpr char kR244[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R244-CategorieOrganisation/FHIR/"
    "TRE-R244-CategorieOrganisation";

// J20, complete: every offre declares one.
constexpr TableRow kJ20[] = {
    {"01", "Médecine, Chirurgie, Obstétrique (MCO)"},
    {"02", "Soins Médicaux et de réadaptation (SMR)"},
    {"03", "Psychiatrie (PSY)"},
    {"04", "Médico-social (MS)"},
    {"05", "Ville"},
    {"06", "Social"},
};

// J19, 13 of 36: the usual hospital and médico-social modes (and those of the modèles de saisie).
constexpr TableRow kJ19[] = {
    {"09", "Chirurgie ambulatoire"},
    {"13", "Hospitalisation courte durée (UHCD)"},
    {"20", "Soins externes et traitements ambulatoires"},
    {"28", "Hospitalisation complète (HC)"},
    {"29", "Hospitalisation de jour (HJ)"},
    {"31", "Hospitalisation à domicile (HAD)"},
    {"32", "Consultation (CS) ou Séance"},
    {"33", "Accueil des urgences"},
    {"34", "Hospitalisation de semaine (HS)"},
    {"46", "Hébergement (accueil jour et nuit)"},
    {"47", "Accueil de jour"},
    {"48", "Accueil de nuit"},
    {"55", "Plateau technique"},
};

// J55, 13 of 181: the categories of the demo's établissements (FINESS categetab) and those the
// modèles de saisie of services/offre/modeles apply to. There is no CHU category: a CHU/CHRU site
// is 101 (CHR).
constexpr TableRow kJ55[] = {
    {"101", "Centre hospitalier régional (CHR)"},
    {"106", "Centre hospitalier (ex Hôpital local)"},
    {"109", "Etablissement de santé privé autorisé en soins de suite et de réadaptation (SSR)"},
    {"114", "Hôpital des armées"},
    {"122", "Etablissement de soins obstétriques et chirurgico-gynécologiques"},
    {"128", "Etablissement de soins chirurgicaux"},
    {"129", "Etablissement de soins médicaux"},
    {"131", "Centre de lutte contre cancer"},
    {"292", "Centre hospitalier spécialisé de lutte contre les maladies mentales"},
    {"355", "Centre hospitalier (CH)"},
    {"365", "Etablissement de soins pluridisciplinaire"},
    {"500", "Etablissement d'hébergement pour personnes âgées dépendantes"},
    {"698", "Autre établissement relevant de la loi hospitalière"},
};

// J203, complete; it mixes two systems, added below.
constexpr TableRow kJ203R207[] = {
    {"1", "Pôle"},
    {"2", "Structure interne ou Service"},
    {"3", "Unité fonctionnelle"},
    {"4", "Unité élémentaire"},
};
constexpr TableRow kJ203R67[] = {
    {"EJ", "Entité juridique"},
    {"EG", "Etablissement géographique"},
};

// J238, 12 of 273: the types of the demo's offres and of the modèles de saisie.
constexpr TableRow kJ238[] = {
    {"16", "Unité d'hospitalisation (hors HDJ)"},
    {"20", "Unité d'urgences"},
    {"21", "Accueil ou hébergement pour personnes âgées dépendantes, sans spécificité"},
    {"23",
     "Accueil ou hébergement pour personnes âgées dépendantes, avec spécificité Unité "
     "d'Hébergement Renforcé (UHR)"},
    {"24",
     "Accueil ou hébergement pour personnes âgées dépendantes, avec spécificité Unité de vie "
     "protégée (UVP, Cantou,...)"},
    {"26",
     "Accueil ou hébergement pour personnes âgées dépendantes, avec spécificité Petites unités de "
     "vie (PUV)"},
    {"102", "Soins Médicaux et de Réadaptation (SMR) locomoteur"},
    {"149", "Unité hospitalière de cardiologie"},
    {"153", "Unité hospitalière de chirurgie viscérale et digestive"},
    {"157", "Unité hospitalière de gynécologie et/ou obstétrique"},
    {"174", "Unité psychiatrique"},
    {"237", "Unité hospitalière d'anesthésie"},
};

// J17, 13 of 548: the activités opérationnelles of the demo's offres and of the modèles de saisie.
constexpr TableRow kJ17[] = {
    {"007", "Anesthésie et Médecine périopératoire"},
    {"013", "Cardiologie générale"},
    {"014", "Cardiologie interventionnelle"},
    {"022", "Chirurgie gynécologique"},
    {"033", "Chirurgie digestive et viscérale fonctionnelle (hors carcinologie)"},
    {"050", "Gériatrie, Gérontologie"},
    {"053", "Gynécologie médicale"},
    {"100", "Obstétrique"},
    {"157", "Urgences polyvalentes hospitalières"},
    {"229", "Psychiatrie adulte"},
    {"233", "Réadaptation des affections de l'appareil locomoteur"},
    {"474", "Chirurgie oncologique viscérale et digestive"},
    {"538", "Chirurgie oncologique gynécologique"},
};

// One list may be given in several parts, one per system (J203).
constexpr TablePart kParts[] = {
    {"JDV_J17-ActiviteOperationnelle-ROR", kR211, false, kJ17},
    {"JDV_J19-ModePriseEnCharge-ROR", kR213, false, kJ19},
    {"JDV_J20-ChampActivite-ROR", kR227, true, kJ20},
    {"JDV_J55-CategorieEG-ROR", kR66, false, kJ55},
    {"JDV_J203-TypeOrganisationInterne-ROR", kR207, true, kJ203R207},
    {"JDV_J203-TypeOrganisationInterne-ROR", kR67, true, kJ203R67},
    {"JDV_J238-TypeOffre-ROR", kR244, false, kJ238},
};

}  // namespace

Nomenclatures Nomenclatures::BuiltIn() {
  std::vector<CodeList> lists = ListsFromTable(kParts, "intégrées");
  AddSupplementaryLists(lists);
  absl::StatusOr<Nomenclatures> set = FromLists(std::move(lists), "intégrées");
  if (!set.ok()) {  // two parts of one list apart in the table: a programming error too
    std::fprintf(stderr, "nomenclatures intégrées incohérentes : %s\n",
                 set.status().ToString().c_str());
    std::abort();
  }
  return *std::move(set);
}

}  // namespace ror::nomenclature
