#include "services/search/domain/criteria_rules.h"

#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/validate.h"

namespace ror::search::domain {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool IsAlnum(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// Identifiers of one format: each value checked by `valid`, described by `rule` in French.
template <typename Values, typename Valid>
void CheckFormat(const Values& values, const std::string& field, Valid valid,
                 absl::string_view expected, FieldViolations& out) {
  for (int i = 0; i < values.size(); ++i) {
    if (!valid(values[i])) {
      out.Add(nomenclature::IndexedField(field, i), "format",
              absl::StrCat("« ", values[i], " » : ", expected, " attendu"));
    }
  }
}

template <typename Values>
void CheckCount(const Values& values, const std::string& field, FieldViolations& out) {
  if (values.size() > kMaxValuesPerCriterion) {
    out.Add(field, "max_items",
            absl::StrCat("au plus ", kMaxValuesPerCriterion, " valeurs par critère"));
  }
}

void CheckProximity(const v1::Proximity& p, const std::string& field, FieldViolations& out) {
  if (p.centre_case() == v1::Proximity::CENTRE_NOT_SET) {
    out.Add(absl::StrCat(field, ".centre"), "required",
            "un point, une commune ou un établissement est obligatoire pour la proximité");
  }
  if (p.has_point()) {
    const double lat = p.point().latitude(), lon = p.point().longitude();
    if (!std::isfinite(lat) || lat < -90 || lat > 90) {
      out.Add(absl::StrCat(field, ".point.latitude"), "range",
              "la latitude est comprise entre -90 et 90 degrés");
    }
    if (!std::isfinite(lon) || lon < -180 || lon > 180) {
      out.Add(absl::StrCat(field, ".point.longitude"), "range",
              "la longitude est comprise entre -180 et 180 degrés");
    }
  }
  if (p.centre_case() == v1::Proximity::kCommune &&
      !(p.commune().size() == 5 && IsAlnum(p.commune()))) {
    out.Add(absl::StrCat(field, ".commune"), "format",
            "code commune INSEE (COG) de 5 caractères attendu");
  }
  if (p.centre_case() == v1::Proximity::kFiness &&
      !(p.finess().size() == 9 && IsAlnum(p.finess()))) {
    out.Add(absl::StrCat(field, ".finess"), "format", "numéro FINESS de 9 caractères attendu");
  }
  if (!std::isfinite(p.rayon_km()) || p.rayon_km() <= 0 || p.rayon_km() > kMaxRadiusKm) {
    out.Add(absl::StrCat(field, ".rayon_km"), "range",
            absl::StrCat("le rayon est compris entre 0 (exclu) et ", kMaxRadiusKm, " km"));
  }
}

}  // namespace

std::optional<int64_t> AgeInDays(int64_t value, absl::string_view unit) {
  if (unit == "jours") return value;
  if (unit == "mois") return value * 30;
  if (unit == "ans") return value * 365;
  return std::nullopt;
}

absl::Status CheckCriteria(const v1::SearchCriteria& c, const nomenclature::Nomenclatures& codes,
                           absl::string_view prefix) {
  FieldViolations out;
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, name); };
  if (c.texte().size() > kMaxTextLength) {
    out.Add(field("texte"), "max_length",
            absl::StrCat("le texte recherché compte au plus ", kMaxTextLength, " caractères"));
  }
  if (c.etablissement().size() > kMaxTextLength) {
    out.Add(field("etablissement"), "max_length",
            absl::StrCat("le nom d'établissement compte au plus ", kMaxTextLength, " caractères"));
  }
  auto finess = [](const std::string& v) { return v.size() == 9 && IsAlnum(v); };
  CheckFormat(c.finess_ej(), field("finess_ej"), finess, "un numéro FINESS de 9 caractères", out);
  CheckFormat(c.finess_eg(), field("finess_eg"), finess, "un numéro FINESS de 9 caractères", out);
  CheckFormat(
      c.siret(), field("siret"),
      [](const std::string& v) { return v.size() == 14 && AllDigits(v); },
      "un SIRET de 14 chiffres", out);
  CheckFormat(
      c.regions(), field("regions"),
      [](const std::string& v) { return (v.size() == 2 || v.size() == 3) && AllDigits(v); },
      "un code région INSEE (2 chiffres)", out);
  CheckFormat(
      c.departements(), field("departements"),
      [](const std::string& v) { return (v.size() == 2 || v.size() == 3) && IsAlnum(v); },
      "un code département (« 01 », « 2A », « 974 »)", out);
  CheckFormat(
      c.communes(), field("communes"),
      [](const std::string& v) { return v.size() == 5 && IsAlnum(v); },
      "un code commune INSEE (COG) de 5 caractères", out);
  CheckFormat(
      c.codes_postaux(), field("codes_postaux"),
      [](const std::string& v) { return v.size() == 5 && AllDigits(v); },
      "un code postal de 5 chiffres", out);
  struct Coded {
    const google::protobuf::RepeatedPtrField<std::string>& values;
    const char* name;
    const char* list;
  };
  const Coded coded[] = {
      {c.champs_activite(), "champs_activite", "J20"},
      {c.activites_operationnelles(), "activites_operationnelles", "J17"},
      {c.modes_prise_en_charge(), "modes_prise_en_charge", "J19"},
      {c.actes_specifiques(), "actes_specifiques", "J16"},
      {c.types_offre(), "types_offre", "J238"},
      {c.publics(), "publics", "J29"},
  };
  for (const Coded& list : coded) {
    CheckCount(list.values, field(list.name), out);
    if (list.values.empty()) continue;
    RETURN_IF_ERROR(
        nomenclature::ValidateRepeated(codes, list.list, field(list.name), list.values, out));
  }
  CheckCount(c.finess_ej(), field("finess_ej"), out);
  CheckCount(c.finess_eg(), field("finess_eg"), out);
  CheckCount(c.siret(), field("siret"), out);
  CheckCount(c.regions(), field("regions"), out);
  CheckCount(c.departements(), field("departements"), out);
  CheckCount(c.communes(), field("communes"), out);
  CheckCount(c.codes_postaux(), field("codes_postaux"), out);
  if (c.has_age()) {
    if (!AgeInDays(0, c.age().unite()).has_value()) {
      out.Add(field("age.unite"), "enum", "l'unité d'âge est « jours », « mois » ou « ans »");
    } else if (c.age().valeur() < 0 || *AgeInDays(c.age().valeur(), c.age().unite()) > 130 * 365) {
      out.Add(field("age.valeur"), "range", "l'âge est compris entre 0 et 130 ans");
    }
  }
  if (c.has_proximite()) CheckProximity(c.proximite(), field("proximite"), out);
  if (c.mis_a_jour().has_depuis() && c.mis_a_jour().has_jusqua() &&
      !(google::protobuf::util::TimeUtil::TimestampToNanoseconds(c.mis_a_jour().depuis()) <
        google::protobuf::util::TimeUtil::TimestampToNanoseconds(c.mis_a_jour().jusqua()))) {
    out.Add(field("mis_a_jour"), "range", "la période finit avant de commencer");
  }
  return out.ToStatus();
}

absl::Status CheckPaging(int32_t page_size, int32_t page) {
  FieldViolations out;
  if (page_size < 0 || page_size > kMaxPageSize) {
    out.Add("page_size", "range",
            absl::StrCat("la taille de page est comprise entre 1 et ", kMaxPageSize,
                         " (0 : ", kDefaultPageSize, ")"));
  }
  if (page < 0 || page > 10000) {
    out.Add("page", "range", "le numéro de page est compris entre 0 et 10 000");
  }
  return out.ToStatus();
}

}  // namespace ror::search::domain
