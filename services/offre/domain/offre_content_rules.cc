#include "services/offre/domain/offre_content_rules.h"

#include <algorithm>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/modele_saisie.h"
#include "services/offre/domain/offre_fiche_rules.h"

namespace ror::offre::domain {
namespace {

using nomenclature::DeprecatedCodes;

void TrimAll(google::protobuf::RepeatedPtrField<std::string>& codes) {
  for (std::string& code : codes) code = Trimmed(code);
  codes.erase(std::remove(codes.begin(), codes.end(), std::string()), codes.end());
}

absl::Status CheckCode(const nomenclature::Nomenclatures& codes, absl::string_view list,
                       const std::string& field, const std::string& code, bool required,
                       FieldViolations& out) {
  if (code.empty()) {
    if (required) RETURN_IF_ERROR(nomenclature::Validate(codes, list, field, code, out));
    return absl::OkStatus();
  }
  return nomenclature::Validate(codes, list, field, code, out, DeprecatedCodes::kRefuse);
}

absl::Status CheckCodes(const nomenclature::Nomenclatures& codes, absl::string_view list,
                        const std::string& field, const std::vector<std::string>& values,
                        bool required, absl::string_view what, FieldViolations& out) {
  if (values.empty()) {
    if (required) out.Add(field, "required", absl::StrCat(what, " : au moins une est obligatoire"));
    return absl::OkStatus();
  }
  return nomenclature::ValidateRepeated(codes, list, field, values, out, DeprecatedCodes::kRefuse);
}

// An age in days, to compare ages given in different units; nullopt for an unknown unit.
std::optional<int64_t> AgeInDays(int32_t value, absl::string_view unit) {
  if (unit == "jours") return value;
  if (unit == "mois") return static_cast<int64_t>(value) * 30;
  if (unit == "ans") return static_cast<int64_t>(value) * 365;
  return std::nullopt;
}

// One bound of the patientèle's ages; its value in days when it is valid.
std::optional<int64_t> CheckAge(bool present, int32_t value, const std::string& unit,
                                const std::string& field, absl::string_view prefix,
                                FieldViolations& out) {
  const std::string unit_field = absl::StrCat(prefix, field, "_unite");
  if (!present) {
    if (!unit.empty()) {
      out.Add(absl::StrCat(prefix, field), "required", "une unité est donnée sans âge");
    }
    return std::nullopt;
  }
  if (value < 0 || value > 150 * 365) {
    out.Add(absl::StrCat(prefix, field), "range", "l'âge doit être positif et vraisemblable");
    return std::nullopt;
  }
  std::optional<int64_t> days = AgeInDays(value, unit);
  if (!days.has_value()) {
    out.Add(unit_field, unit.empty() ? "required" : "one_of",
            "l'unité de l'âge est « jours », « mois » ou « ans »");
  } else if (*days > 150 * 365) {
    out.Add(absl::StrCat(prefix, field), "range",
            "l'âge doit être vraisemblable (150 ans au plus)");
    return std::nullopt;
  }
  return days;
}

}  // namespace

v1::OffreContent NormalizeContent(v1::OffreContent c) {
  c.set_nom(Trimmed(c.nom()));
  c.set_champ_activite(Trimmed(c.champ_activite()));
  c.set_type_offre(Trimmed(c.type_offre()));
  c.set_mode_prise_en_charge(Trimmed(c.mode_prise_en_charge()));
  c.set_niveau_expertise(Trimmed(c.niveau_expertise()));
  TrimAll(*c.mutable_modalites_accueil());
  TrimAll(*c.mutable_activites_operationnelles());
  TrimAll(*c.mutable_specialisations());
  TrimAll(*c.mutable_actes_specifiques());
  TrimAll(*c.mutable_competences());
  TrimAll(*c.mutable_professions_ressources());
  TrimAll(*c.mutable_publics());
  c.set_age_min_unite(Trimmed(c.age_min_unite()));
  c.set_age_max_unite(Trimmed(c.age_max_unite()));
  c.set_modele_saisie(Trimmed(c.modele_saisie()));
  NormalizeFiche(c);
  return c;
}

absl::Status CheckContent(const v1::OffreContent& c, int complete_through,
                          const nomenclature::Nomenclatures& codes, absl::string_view prefix,
                          FieldViolations& out) {
  const auto field = [&](absl::string_view name) { return absl::StrCat(prefix, name); };
  const bool step1 = complete_through >= 1;
  // Étape 1 — À propos.
  if (c.nom().empty()) {
    if (step1) out.Add(field("nom"), "required", "le nom de l'offre est obligatoire");
  } else if (const size_t length = Utf8Length(c.nom()); length > kNomMaxLength) {
    out.Add(field("nom"), "max_length",
            absl::StrCat("le nom de l'offre ne doit pas dépasser ", kNomMaxLength, " caractères (",
                         length, " saisis)"));
  } else if (HasControlCharacter(c.nom())) {
    out.Add(field("nom"), "no_control_characters",
            "le nom de l'offre ne doit contenir ni retour à la ligne, ni tabulation, ni autre "
            "caractère de contrôle");
  }
  RETURN_IF_ERROR(CheckCode(codes, "J20", field("champ_activite"), c.champ_activite(), step1, out));
  // The coded fields of étapes 2 (Accueil et prise en charge) and 3 (Spécificités), and publics.
  for (const CodedField& coded : kCodedFields) {
    const bool required =
        coded.required_from_step != 0 && complete_through >= coded.required_from_step;
    const CodedValues values = ValuesOf(c, coded);
    if (values.repeated) {
      RETURN_IF_ERROR(CheckCodes(codes, coded.list, field(coded.champ), values.values, required,
                                 coded.label, out));
    } else {
      RETURN_IF_ERROR(
          CheckCode(codes, coded.list, field(coded.champ), values.values.front(), required, out));
    }
  }
  // Patientèle: ages.
  const std::optional<int64_t> min =
      CheckAge(c.has_age_min(), c.age_min(), c.age_min_unite(), "age_min", prefix, out);
  const std::optional<int64_t> max =
      CheckAge(c.has_age_max(), c.age_max(), c.age_max_unite(), "age_max", prefix, out);
  if (min.has_value() && max.has_value() && *max < *min) {
    out.Add(field("age_max"), "min_max",
            "l'âge maximum doit être supérieur ou égal à l'âge minimum");
  }
  return CheckFiche(c, codes, prefix, out);
}

std::vector<std::string> NamingWarnings(const v1::OffreContent& content,
                                        const nomenclature::Nomenclatures& codes) {
  std::vector<std::string> warnings;
  const nomenclature::CodeList* modes = codes.Find("J19");
  const nomenclature::CodeEntry* mode =
      modes == nullptr ? nullptr : modes->Find(content.mode_prise_en_charge());
  if (mode == nullptr || content.nom().empty()) return warnings;
  const size_t open = mode->label.rfind('('), close = mode->label.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open + 2) {
    return warnings;
  }
  const std::string abbreviation = mode->label.substr(open + 1, close - open - 1);
  if (!absl::StartsWith(content.nom(), absl::StrCat(abbreviation, " "))) {
    warnings.push_back(absl::StrCat(
        "convention de nommage : le nom commence d'ordinaire par le mode de prise en charge puis "
        "la spécialité, par exemple « ",
        abbreviation, " ", content.nom(), " »"));
  }
  return warnings;
}

}  // namespace ror::offre::domain
