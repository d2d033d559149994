#include "services/offre/domain/finess_fiche_rules.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/finess/field_rules.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::domain {

void TrimStringFields(google::protobuf::Message& fiche) {
  const google::protobuf::Descriptor* descriptor = fiche.GetDescriptor();
  const google::protobuf::Reflection* reflection = fiche.GetReflection();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->type() == google::protobuf::FieldDescriptor::TYPE_STRING && !field->is_repeated()) {
      reflection->SetString(&fiche, field, Trimmed(reflection->GetString(fiche, field)));
    }
  }
}

void CheckFicheText(FieldViolations& v, absl::string_view field, absl::string_view label,
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

void CheckFicheDigits(FieldViolations& v, absl::string_view field, absl::string_view label,
                      const std::string& value, size_t count) {
  if (!value.empty() && !finess::IsDigits(value, count)) {
    v.Add(absl::StrCat("fiche.", field), "format",
          absl::StrCat(label, " compte ", count, " chiffres (", Quote(value), " reçu)"));
  }
}

void CheckFicheDate(FieldViolations& v, absl::string_view field, absl::string_view label,
                    const std::string& value) {
  if (!value.empty() && !finess::ParseIsoDate(value).has_value()) {
    v.Add(absl::StrCat("fiche.", field), "date",
          absl::StrCat(label, " doit être une date AAAA-MM-JJ valide (", Quote(value), " reçu)"));
  }
}

bool ReplacesFiche(const google::protobuf::Message& known, const std::string& known_date,
                   const google::protobuf::Message& incoming, const std::string& incoming_date) {
  // YYYY-MM-DD compares as text.
  if (!known_date.empty() && !incoming_date.empty() && incoming_date < known_date) return false;
  // The date alone is no change: an EJ's is its extract's, new with every extract.
  google::protobuf::util::MessageDifferencer differencer;
  if (const google::protobuf::FieldDescriptor* date =
          known.GetDescriptor()->FindFieldByName("date_mise_a_jour_finess")) {
    differencer.IgnoreField(date);
  }
  return !differencer.Compare(known, incoming);
}

}  // namespace ror::offre::domain
