#include "libs/nomenclature/supplementary_lists.h"

#include <algorithm>
#include <utility>

#include "libs/nomenclature/code_table.h"

namespace ror::nomenclature {
namespace {

constexpr char kR251[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R251-FonctionContact/FHIR/TRE-R251-FonctionContact";
constexpr char kR283[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R283-NiveauConfidentialite/FHIR/"
    "TRE-R283-NiveauConfidentialite";
constexpr char kR200[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R200-CanalCommunication/FHIR/TRE-R200-CanalCommunication";
constexpr char kR256[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie";

// TRE_R251 version 20260730120000 (JDV_J220 draws every concept of it); 14 and 17 deprecated.
constexpr TableRow kJ220[] = {
    {"01", "Directeur"},
    {"02", "Assistant social"},
    {"03", "Cadre de santé"},
    {"04", "Médecin coordonnateur"},
    {"05", "Secrétaire"},
    {"06", "Président de CME"},
    {"07", "Référent PDSES"},
    {"08", "Infirmier coordonnateur"},
    {"09", "Infirmier de liaison"},
    {"10", "Chef de service"},
    {"11", "Chef de pôle"},
    {"12", "Référent ROR"},
    {"13", "Référent outil d'orientation SMR"},
    {"14", "Référent CLIN", true},
    {"15", "Référent direction des services informatiques"},
    {"16", "Médecin DIM"},
    {"17", "Secrétaire de direction", true},
    {"18", "Contact gestion de cas MAIA"},
    {"19", "Contact PTA"},
    {"20", "Chef de service éducatif"},
    {"21", "Coordonnateur CLIC"},
    {"22", "Responsable d'unité"},
    {"23", "Spécialiste en hygiène prévention contrôle des Infections Associées aux Soins (IAS)"},
    {"24", "Responsable du signalement des Infections Associées aux Soins (IAS)"},
    {"25", "Référent en antibiothérapie"},
    {"26", "Coordonnateur de la gestion des risques associés aux soins"},
    {"27", "Responsable du Bed Management"},
    {"28", "Référent Handicap"},
};

// TRE_R283, as the ROR guide's examples use it.
constexpr TableRow kJ222[] = {
    {"1", "Accès libre"},
    {"2", "Accès restreint"},
    {"3", "Accès très restreint"},
};

// JDV_J225 version 20260601120000: TRE_R200 1–9, and MSSANTE of TRE_R256.
constexpr TableRow kJ225R200[] = {
    {"1", "Téléphone mobile"},
    {"2", "Téléphone fixe"},
    {"3", "Courrier électronique"},
    {"4", "Site web"},
    {"5", "Transfert de fichiers"},
    {"6", "Télécopie"},
    {"7", "Réseau radio numérique ANTARES"},
    {"8", "Téléphone d'alerte"},
    {"9", "Mail d'alerte"},
};
constexpr TableRow kJ225R256[] = {
    {"MSSANTE", "MSSANTE"},
};

constexpr TablePart kParts[] = {
    {"JDV_J220-FonctionContact-ROR", kR251, true, kJ220},
    {"JDV_J222-NiveauConfidentialite-ROR", kR283, true, kJ222},
    {"JDV_J225-CanalCommunication-ROR", kR200, true, kJ225R200},
    {"JDV_J225-CanalCommunication-ROR", kR256, true, kJ225R256},
};

}  // namespace

void AddSupplementaryLists(std::vector<CodeList>& lists) {
  for (CodeList& supplementary : ListsFromTable(kParts, "complémentaires")) {
    const bool present = std::any_of(lists.begin(), lists.end(), [&](const CodeList& list) {
      return list.short_id() == supplementary.short_id();
    });
    if (!present) lists.push_back(std::move(supplementary));
  }
}

}  // namespace ror::nomenclature
