#include "services/offre/domain/quality_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ror::offre::domain {
namespace {

bool HasActivity(const v1::OffreContent& content, absl::string_view code) {
  return std::find(content.activites_operationnelles().begin(),
                   content.activites_operationnelles().end(), code) !=
         content.activites_operationnelles().end();
}

// "Urgences adultes", "SAU - urgence pédiatrique": the word, whatever its case or accents around.
bool NamedUrgence(const v1::OffreContent& content) {
  return absl::StrContains(absl::AsciiStrToLower(content.nom()), "urgence");
}

}  // namespace

std::vector<Anomaly> QualityAnomalies(const OffreState& state, absl::Time now) {
  std::vector<Anomaly> anomalies;
  if (!state.exists() || (state.closure.has_value() && state.closure->definitive)) {
    return anomalies;
  }
  const v1::OffreContent& shown = state.shown();
  if (now - state.updated_at > kAnnualUpdate) {
    anomalies.push_back(
        {"RE1.2", absl::StrCat("offre non mise à jour depuis plus de 12 mois (dernière mise à jour "
                               "le ",
                               absl::FormatTime("%d/%m/%Y", state.updated_at, absl::UTCTimeZone()),
                               ") : la mise à jour annuelle est obligatoire")});
  }
  const bool urgence_activity = HasActivity(shown, "157") || HasActivity(shown, "249");
  if (NamedUrgence(shown) && !urgence_activity) {
    anomalies.push_back({"CO1",
                         "une offre nommée « urgence(s) » doit porter l'activité opérationnelle "
                         "157 (urgences polyvalentes hospitalières) ou 249"});
  } else if (!NamedUrgence(shown) && urgence_activity) {
    anomalies.push_back({"CO1",
                         "une offre portant l'activité 157 ou 249 (urgences) doit être nommée "
                         "« urgence(s) »"});
  }
  if (HasActivity(shown, "089") && !shown.unite_sensible()) {
    anomalies.push_back({"CO3",
                         "une offre de médecine pénitentiaire (activité 089) doit être déclarée "
                         "unité sensible"});
  }
  return anomalies;
}

}  // namespace ror::offre::domain
