#include "services/search/domain/relaxation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/authz/access_regions.h"
#include "services/search/domain/criteria_rules.h"

namespace ror::search::domain {
namespace {

constexpr int kMaxRadiusSteps = 3;

void AddUnique(google::protobuf::RepeatedPtrField<std::string>& values, const std::string& value) {
  if (value.empty()) return;
  if (std::find(values.begin(), values.end(), value) == values.end()) *values.Add() = value;
}

// Removes a list criterion when set.
template <typename Clear>
std::optional<Relaxed> Drop(const v1::SearchCriteria& criteria, bool present, const char* label,
                            Clear clear) {
  if (!present) return std::nullopt;
  Relaxed relaxed{.criteria = criteria, .description = ""};
  clear(relaxed.criteria);
  relaxed.description = absl::StrCat("Critère « ", label, " » retiré");
  return relaxed;
}

}  // namespace

std::string DepartementOfCommune(const std::string& cog) {
  if (cog.size() != 5) return "";
  // Overseas communes are 971xx…976xx: their département has three characters.
  if (cog.rfind("97", 0) == 0) return cog.substr(0, 3);
  return cog.substr(0, 2);
}

std::vector<std::string> DepartementsOfCodePostal(const std::string& code_postal) {
  if (code_postal.size() != 5) return {};
  if (code_postal.rfind("97", 0) == 0) return {code_postal.substr(0, 3)};
  if (code_postal.rfind("20", 0) == 0) return {"2A", "2B"};
  return {code_postal.substr(0, 2)};
}

std::optional<Relaxed> RelaxOnce(const v1::SearchCriteria& c) {
  if (auto r = Drop(c, c.has_age(), "Âge", [](auto& x) { x.clear_age(); })) return r;
  if (auto r = Drop(c, c.publics_size() > 0, "Patientèle", [](auto& x) { x.clear_publics(); })) {
    return r;
  }
  if (auto r = Drop(c, c.actes_specifiques_size() > 0, "Actes spécifiques",
                    [](auto& x) { x.clear_actes_specifiques(); })) {
    return r;
  }
  if (auto r = Drop(c, c.modes_prise_en_charge_size() > 0, "Mode de prise en charge",
                    [](auto& x) { x.clear_modes_prise_en_charge(); })) {
    return r;
  }
  if (auto r = Drop(c, c.types_offre_size() > 0, "Type d'offre",
                    [](auto& x) { x.clear_types_offre(); })) {
    return r;
  }
  if (!c.inclure_fermees()) {
    Relaxed relaxed{.criteria = c, .description = "Offres fermées temporairement incluses"};
    relaxed.criteria.set_inclure_fermees(true);
    return relaxed;
  }
  // Places widen: communes and postal codes to their départements, then départements to régions.
  if (c.communes_size() > 0 || c.codes_postaux_size() > 0) {
    Relaxed relaxed{.criteria = c, .description = "Commune élargie à son département"};
    for (const std::string& cog : c.communes()) {
      AddUnique(*relaxed.criteria.mutable_departements(), DepartementOfCommune(cog));
    }
    for (const std::string& cp : c.codes_postaux()) {
      for (const std::string& departement : DepartementsOfCodePostal(cp)) {
        AddUnique(*relaxed.criteria.mutable_departements(), departement);
      }
    }
    relaxed.criteria.clear_communes();
    relaxed.criteria.clear_codes_postaux();
    return relaxed;
  }
  if (c.has_proximite() && c.proximite().rayon_km() * 2 <= kMaxRadiusKm &&
      c.proximite().rayon_km() * (1 << kMaxRadiusSteps) > 0) {
    const double from = c.proximite().rayon_km();
    Relaxed relaxed{.criteria = c, .description = ""};
    relaxed.criteria.mutable_proximite()->set_rayon_km(from * 2);
    relaxed.description = absl::StrFormat("Rayon porté de %g à %g km", from, from * 2);
    return relaxed;
  }
  if (c.departements_size() > 0) {
    Relaxed relaxed{.criteria = c, .description = "Département élargi à sa région"};
    for (const std::string& dep : c.departements()) {
      AddUnique(*relaxed.criteria.mutable_regions(), authz::RegionOfDepartement(dep));
    }
    relaxed.criteria.clear_departements();
    return relaxed;
  }
  if (auto r = Drop(c, c.activites_operationnelles_size() > 0, "Activité opérationnelle",
                    [](auto& x) { x.clear_activites_operationnelles(); })) {
    return r;
  }
  return std::nullopt;
}

}  // namespace ror::search::domain
