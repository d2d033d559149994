#include "services/offre/domain/etablissement.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/finess/field_rules.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::domain {
namespace {

void CheckText(FieldViolations& v, absl::string_view field, absl::string_view label,
               const std::string& value, bool required) {
  const std::string path = absl::StrCat("fiche.", field);
  if (value.empty()) {
    if (required) v.Add(path, "required", absl::StrCat(label, " est obligatoire"));
    return;
  }
  if (HasControlCharacter(value)) {
    v.Add(path, "no_control_characters",
          absl::StrCat(label, " ne doit contenir ni retour à la ligne ni caractère de contrôle"));
  }
}

void CheckDigits(FieldViolations& v, absl::string_view field, absl::string_view label,
                 const std::string& value, size_t count) {
  if (!value.empty() && !finess::IsDigits(value, count)) {
    v.Add(absl::StrCat("fiche.", field), "format",
          absl::StrCat(label, " compte ", count, " chiffres (", Quote(value), " reçu)"));
  }
}

void CheckDate(FieldViolations& v, absl::string_view field, absl::string_view label,
               const std::string& value) {
  if (!value.empty() && !finess::ParseIsoDate(value).has_value()) {
    v.Add(absl::StrCat("fiche.", field), "date",
          absl::StrCat(label, " doit être une date AAAA-MM-JJ valide (", Quote(value), " reçu)"));
  }
}

// A FINESS category (J55) is a TRE_R66 number of 3 digits or a TRE_R02 sector code (SA05…).
bool IsCategorieFormat(absl::string_view code) {
  return !code.empty() && code.size() <= 4 &&
         std::all_of(code.begin(), code.end(), [](char c) { return absl::ascii_isalnum(c); });
}

}  // namespace

v1::EtablissementFiche NormalizeFiche(v1::EtablissementFiche f) {
  const google::protobuf::Descriptor* descriptor = f.GetDescriptor();
  const google::protobuf::Reflection* reflection = f.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      reflection->SetString(&f, field, Trimmed(reflection->GetString(f, field)));
    }
  }
  f.set_finess_eg(absl::AsciiStrToUpper(f.finess_eg()));
  f.set_finess_ej(absl::AsciiStrToUpper(f.finess_ej()));
  if (!f.has_coordonnees()) {
    f.clear_latitude();
    f.clear_longitude();
  }
  return f;
}

absl::Status ValidateFiche(const v1::EtablissementFiche& f) {
  FieldViolations v;
  CheckFiness(f.finess_eg(), "fiche.finess_eg", kFinessEgLabel, v);
  CheckFiness(f.finess_ej(), "fiche.finess_ej", "le numéro FINESS de l'entité juridique", v);
  CheckText(v, "raison_sociale", "la raison sociale", f.raison_sociale(), /*required=*/true);
  for (const auto& [field, label, value] :
       {std::tuple{"raison_sociale_longue", "la raison sociale longue", &f.raison_sociale_longue()},
        std::tuple{"complement_raison_sociale", "le complément de raison sociale",
                   &f.complement_raison_sociale()},
        std::tuple{"adresse", "l'adresse", &f.adresse()},
        std::tuple{"commune", "la commune", &f.commune()},
        std::tuple{"libelle_categorie", "le libellé de catégorie", &f.libelle_categorie()}}) {
    CheckText(v, field, label, *value, /*required=*/false);
  }
  if (f.categorie().empty()) {
    v.Add("fiche.categorie", "required",
          "la catégorie d'établissement (nomenclature J55) est obligatoire");
  } else if (!IsCategorieFormat(f.categorie())) {
    v.Add("fiche.categorie", "format",
          absl::StrCat("la catégorie d'établissement est un code de la nomenclature J55 (",
                       Quote(f.categorie()), " reçu)"));
  }
  CheckDigits(v, "code_postal", "le code postal", f.code_postal(), 5);
  CheckDigits(v, "siret", "le numéro SIRET", f.siret(), 14);
  CheckDigits(v, "telephone", "le numéro de téléphone", f.telephone(), 10);
  CheckDigits(v, "telecopie", "le numéro de télécopie", f.telecopie(), 10);
  CheckDate(v, "date_ouverture", "la date d'ouverture", f.date_ouverture());
  CheckDate(v, "date_mise_a_jour_finess", "la date de mise à jour FINESS",
            f.date_mise_a_jour_finess());
  CheckDate(v, "date_fermeture", "la date de fermeture", f.date_fermeture());
  if (f.has_coordonnees()) {
    if (!(f.latitude() >= -90 && f.latitude() <= 90)) {
      v.Add("fiche.latitude", "range", "la latitude est comprise entre -90 et 90 degrés");
    }
    if (!(f.longitude() >= -180 && f.longitude() <= 180)) {
      v.Add("fiche.longitude", "range", "la longitude est comprise entre -180 et 180 degrés");
    }
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<EtablissementEvent>> Decide(const EtablissementState& state,
                                                       const EtablissementCommand& command) {
  const auto& import = std::get<ImportEtablissement>(command);
  v1::EtablissementFiche fiche = NormalizeFiche(import.fiche);
  if (absl::Status valid = ValidateFiche(fiche); !valid.ok()) return valid;
  if (state.exists()) {
    if (state.fiche.finess_eg() != fiche.finess_eg()) {
      return absl::FailedPreconditionError(absl::StrCat("l'établissement ", state.fiche.finess_eg(),
                                                        " ne peut recevoir la fiche de ",
                                                        fiche.finess_eg()));
    }
    // An older extract never undoes a newer one (YYYY-MM-DD compares as text).
    const std::string& known = state.fiche.date_mise_a_jour_finess();
    if (!known.empty() && !fiche.date_mise_a_jour_finess().empty() &&
        fiche.date_mise_a_jour_finess() < known) {
      return std::vector<EtablissementEvent>{};
    }
    if (google::protobuf::util::MessageDifferencer::Equals(state.fiche, fiche)) {
      return std::vector<EtablissementEvent>{};
    }
  }
  EtablissementImported event;
  *event.mutable_fiche() = std::move(fiche);
  event.set_source(import.source);
  *event.mutable_imported_at() = ToProtoTimestamp(import.now);
  event.set_created(!state.exists());
  return std::vector<EtablissementEvent>{std::move(event)};
}

EtablissementState Evolve(EtablissementState state, const EtablissementEvent& event) {
  const auto& imported = std::get<EtablissementImported>(event);
  const absl::Time at = FromProtoTimestamp(imported.imported_at());
  if (!state.exists()) state.created_at = at;
  state.fiche = imported.fiche();
  state.source = imported.source();
  state.updated_at = at;
  ++state.version;
  return state;
}

}  // namespace ror::offre::domain
