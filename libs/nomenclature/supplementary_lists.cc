#include "libs/nomenclature/supplementary_lists.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/types/span.h"
#include "libs/nomenclature/list_id.h"

namespace ror::nomenclature {
namespace {

struct Row {
  const char* code;
  const char* label;
  bool deprecated = false;
};

struct Part {
  const char* list;
  const char* system;
  absl::Span<const Row> rows;
};

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
constexpr Row kJ220[] = {
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
constexpr Row kJ222[] = {
    {"1", "Accès libre"},
    {"2", "Accès restreint"},
    {"3", "Accès très restreint"},
};

// JDV_J225 version 20260601120000: TRE_R200 1–9, and MSSANTE of TRE_R256.
constexpr Row kJ225R200[] = {
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
constexpr Row kJ225R256[] = {
    {"MSSANTE", "MSSANTE"},
};

constexpr Part kParts[] = {
    {"JDV_J220-FonctionContact-ROR", kR251, kJ220},
    {"JDV_J222-NiveauConfidentialite-ROR", kR283, kJ222},
    {"JDV_J225-CanalCommunication-ROR", kR200, kJ225R200},
    {"JDV_J225-CanalCommunication-ROR", kR256, kJ225R256},
};

// The tables above are code: a mistake in them is a programming error, caught by the tests.
[[noreturn]] void BrokenTable(const absl::Status& status) {
  std::fprintf(stderr, "nomenclatures complémentaires incohérentes : %s\n",
               status.ToString().c_str());
  std::abort();
}

}  // namespace

void AddSupplementaryLists(std::vector<CodeList>& lists) {
  std::vector<CodeList> added;
  for (const Part& part : kParts) {
    absl::StatusOr<ListId> id = ParseListId(part.list);
    if (!id.ok()) BrokenTable(id.status());
    const bool present = std::any_of(lists.begin(), lists.end(), [&](const CodeList& list) {
      return list.short_id() == id->short_id;
    });
    if (present) continue;
    if (added.empty() || added.back().id() != part.list) added.emplace_back(*id, true);
    for (const Row& row : part.rows) {
      absl::Status status = added.back().Add(CodeEntry{
          .code = row.code, .label = row.label, .system = part.system, .deprecated = row.deprecated});
      if (!status.ok()) BrokenTable(status);
    }
  }
  for (CodeList& list : added) lists.push_back(std::move(list));
}

}  // namespace ror::nomenclature
