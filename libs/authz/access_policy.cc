#include "libs/authz/access_policy.h"

#include <algorithm>

namespace ror::authz {
namespace {

// How much of a field class a profile sees. For ungraded classes only kNothing and kEverything
// are used (access_policy_test checks it).
enum class Allowed {
  kNothing,
  kLibre,          // graded data of level 1 only
  kUpToRestreint,  // levels 1 and 2: everything but "accès très restreint"
  kEverything,
};

// Which champs d'activité a row is for. Only profile 3 tells them apart.
enum class Champs {
  kAny,
  kMedicoSocial,  // J20 "04"
  // MCO, SSR, PSY, ville: the reference's "sanitaire + ville". Social ("06") and an unknown champ
  // are not named by the reference: conservatively grouped here, with the narrower answer.
  kSanitaireVilleEtAutres,
};

struct Rule {
  int profile = 0;
  Champs champs = Champs::kAny;
  FieldClass field = FieldClass::kOffre;
  Allowed allowed = Allowed::kNothing;
};

using F = FieldClass;
using A = Allowed;
using C = Champs;

// Reference §2.5 (ROR-fhir-documentation, acces-donnees/vue-ensemble.md, and the Mapping blocks of
// the IG's FSH), one row per (profile, champs, field class). The first matching row answers; every
// combination has exactly one (tested).
constexpr Rule kRules[] = {
    // Profil 0 — "open data only".
    {0, C::kAny, F::kOffre, A::kEverything},  // unités sensibles: see kUnitesSensibles
    {0, C::kAny, F::kDescriptive, A::kEverything},
    {0, C::kAny, F::kContact, A::kLibre},  // IG: "Profil 0 si public"
    {0, C::kAny, F::kTelecom, A::kLibre},  // IG: "Profil 0 si public"
    // Silent: bed availability is not open data. Conservative: hidden.
    {0, C::kAny, F::kCapacite, A::kNothing},
    // The nom of a contact the référent made "accès libre" is shown with that contact (IG:
    // contact visible "Profil 0 si public").
    {0, C::kAny, F::kPersonalData, A::kLibre},
    {0, C::kAny, F::kProfil1Only, A::kNothing},  // IG: "Profil 1"

    // Profil 1 — "everything".
    {1, C::kAny, F::kOffre, A::kEverything},
    {1, C::kAny, F::kDescriptive, A::kEverything},
    {1, C::kAny, F::kContact, A::kEverything},
    {1, C::kAny, F::kTelecom, A::kEverything},
    {1, C::kAny, F::kCapacite, A::kEverything},
    {1, C::kAny, F::kPersonalData, A::kEverything},
    {1, C::kAny, F::kProfil1Only, A::kEverything},

    // Profil 2 — "everything except accès très restreint".
    {2, C::kAny, F::kOffre, A::kEverything},
    {2, C::kAny, F::kDescriptive, A::kEverything},
    {2, C::kAny, F::kContact, A::kUpToRestreint},  // IG: "Profil 2 si public ou restreint"
    {2, C::kAny, F::kTelecom, A::kUpToRestreint},
    {2, C::kAny, F::kCapacite, A::kEverything},
    {2, C::kAny, F::kPersonalData, A::kUpToRestreint},
    {2, C::kAny, F::kProfil1Only, A::kNothing},  // IG: "Profil 1"

    // Profil 3, médico-social — "all but très restreint" (IG: "si MS et public ou restreint").
    {3, C::kMedicoSocial, F::kOffre, A::kEverything},
    {3, C::kMedicoSocial, F::kDescriptive, A::kEverything},
    {3, C::kMedicoSocial, F::kContact, A::kUpToRestreint},
    {3, C::kMedicoSocial, F::kTelecom, A::kUpToRestreint},
    {3, C::kMedicoSocial, F::kCapacite, A::kEverything},
    {3, C::kMedicoSocial, F::kPersonalData, A::kUpToRestreint},
    {3, C::kMedicoSocial, F::kProfil1Only, A::kNothing},  // IG: "Profil 1"
    // Profil 3, sanitaire + ville — "open data only", as profil 0 (IG: "Profil 3 si champ
    // MCO/PSY/SSR/ambulatoire et public").
    {3, C::kSanitaireVilleEtAutres, F::kOffre, A::kEverything},
    {3, C::kSanitaireVilleEtAutres, F::kDescriptive, A::kEverything},
    {3, C::kSanitaireVilleEtAutres, F::kContact, A::kLibre},
    {3, C::kSanitaireVilleEtAutres, F::kTelecom, A::kLibre},
    {3, C::kSanitaireVilleEtAutres, F::kCapacite, A::kNothing},  // as profil 0
    {3, C::kSanitaireVilleEtAutres, F::kPersonalData, A::kLibre},
    {3, C::kSanitaireVilleEtAutres, F::kProfil1Only, A::kNothing},

    // Profil 4 — "everything except contacts and personal data".
    {4, C::kAny, F::kOffre, A::kEverything},
    {4, C::kAny, F::kDescriptive, A::kEverything},
    {4, C::kAny, F::kContact, A::kNothing},
    // Silent on telecoms apart from contacts (an offre's MSSanté address): they are contact
    // details. Conservative: hidden.
    {4, C::kAny, F::kTelecom, A::kNothing},
    {4, C::kAny, F::kCapacite, A::kEverything},
    {4, C::kAny, F::kPersonalData, A::kNothing},
    {4, C::kAny, F::kProfil1Only, A::kNothing},  // IG: "Profil 1"

    // Profil 5 — "everything except très restreint and bed capacity/availability".
    {5, C::kAny, F::kOffre, A::kEverything},
    {5, C::kAny, F::kDescriptive, A::kEverything},
    {5, C::kAny, F::kContact, A::kUpToRestreint},
    {5, C::kAny, F::kTelecom, A::kUpToRestreint},
    {5, C::kAny, F::kCapacite, A::kNothing},
    {5, C::kAny, F::kPersonalData, A::kUpToRestreint},
    {5, C::kAny, F::kProfil1Only, A::kNothing},  // IG: "Profil 1"
};

// uniteSensible "hides a whole offer" (reference §2.2, §2.5): every datum of a sensitive offre is
// seen only by a viewer who sees unités sensibles, and never at profile 0 (open data), whatever
// the viewer says. RG_EXP_039 also makes every contact of a sensitive offre "très restreint", so
// what kRules hides of it stays hidden.
struct SensitiveRule {
  int profile = 0;
  bool seen_with_permission = false;
};
constexpr SensitiveRule kUnitesSensibles[] = {
    {0, false}, {1, true}, {2, true}, {3, true}, {4, true}, {5, true},
};

bool ChampsMatch(Champs champs, Champ champ) {
  switch (champs) {
    case Champs::kAny:
      return true;
    case Champs::kMedicoSocial:
      return champ == Champ::kMedicoSocial;
    case Champs::kSanitaireVilleEtAutres:
      return champ != Champ::kMedicoSocial;
  }
  return false;
}

bool LevelAllowed(Allowed allowed, Confidentialite level) {
  switch (allowed) {
    case Allowed::kNothing:
      return false;
    case Allowed::kLibre:
      return level == Confidentialite::kLibre;
    case Allowed::kUpToRestreint:
      return level != Confidentialite::kTresRestreint;
    case Allowed::kEverything:
      return true;
  }
  return false;
}

}  // namespace

Champ ChampOf(std::string_view j20_code) {
  struct Code {
    std::string_view code;
    Champ champ;
  };
  static constexpr Code kCodes[] = {
      {"01", Champ::kMco},          {"02", Champ::kSsr},   {"03", Champ::kPsy},
      {"04", Champ::kMedicoSocial}, {"05", Champ::kVille}, {"06", Champ::kSocial},
  };
  for (const Code& code : kCodes) {
    if (code.code == j20_code) return code.champ;
  }
  return Champ::kUnknown;
}

Confidentialite ConfidentialiteOf(std::string_view j222_code) {
  if (j222_code == "1") return Confidentialite::kLibre;
  if (j222_code == "2") return Confidentialite::kRestreint;
  return Confidentialite::kTresRestreint;
}

bool IsGraded(FieldClass field) {
  return field == FieldClass::kContact || field == FieldClass::kTelecom ||
         field == FieldClass::kPersonalData;
}

bool MaySee(const Viewer& viewer, const Datum& datum) {
  const int profile =
      viewer.profile < kMinProfile || viewer.profile > kMaxProfile ? 0 : viewer.profile;
  if (datum.unite_sensible) {
    const auto* rule = std::find_if(std::begin(kUnitesSensibles), std::end(kUnitesSensibles),
                                    [&](const SensitiveRule& r) { return r.profile == profile; });
    if (rule == std::end(kUnitesSensibles) || !rule->seen_with_permission ||
        !viewer.sees_unites_sensibles) {
      return false;
    }
  }
  const auto* rule = std::find_if(std::begin(kRules), std::end(kRules), [&](const Rule& r) {
    return r.profile == profile && r.field == datum.field && ChampsMatch(r.champs, datum.champ);
  });
  if (rule == std::end(kRules)) return false;  // no row: nothing (the test proves it cannot be)
  // An ungraded class does not read the level: its rows say kNothing or kEverything.
  return LevelAllowed(rule->allowed, IsGraded(datum.field) ? datum.confidentialite
                                                           : Confidentialite::kLibre);
}

int RulesMatching(int profile, Champ champ, FieldClass field) {
  return static_cast<int>(std::count_if(std::begin(kRules), std::end(kRules), [&](const Rule& r) {
    return r.profile == profile && r.field == field && ChampsMatch(r.champs, champ);
  }));
}

}  // namespace ror::authz
