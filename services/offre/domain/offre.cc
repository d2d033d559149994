#include "services/offre/domain/offre.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/common/ids.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/domain/field_rules.h"

namespace ror::offre::domain {
namespace {

// The command as it will be recorded: surrounding blanks removed, Corsican letters upper-cased.
CreateOffre Normalize(const CreateOffre& in) {
  CreateOffre out = in;
  out.nom = std::string(absl::StripAsciiWhitespace(in.nom));
  out.champ_activite = std::string(absl::StripAsciiWhitespace(in.champ_activite));
  out.finess_eg = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(in.finess_eg));
  return out;
}

absl::Status Validate(const CreateOffre& c, const nomenclature::Nomenclatures& codes) {
  FieldViolations v;
  if (!IsUuid(c.offre_id)) {
    v.Add("offre_id", "format", "l'identifiant de l'offre doit être un UUID en minuscules");
  }
  if (c.nom.empty()) {
    v.Add("nom", "required", "le nom de l'offre est obligatoire");
  } else if (const size_t length = Utf8Length(c.nom); length > kNomMaxLength) {
    v.Add("nom", "max_length",
          absl::StrCat("le nom de l'offre ne doit pas dépasser ", kNomMaxLength, " caractères (",
                       length, " saisis)"));
  } else if (HasControlCharacter(c.nom)) {
    v.Add("nom", "no_control_characters",
          "le nom de l'offre ne doit contenir ni retour à la ligne, ni tabulation, ni autre "
          "caractère de contrôle");
  }
  // A new offre may not choose a code the nation has withdrawn.
  RETURN_IF_ERROR(nomenclature::Validate(codes, "J20", "champ_activite", c.champ_activite, v,
                                         nomenclature::DeprecatedCodes::kRefuse));
  if (c.finess_eg.empty()) {
    v.Add("finess_eg", "required",
          "le numéro FINESS de l'établissement géographique est obligatoire");
  } else if (!IsFinessFormat(c.finess_eg)) {
    v.Add("finess_eg", "format",
          absl::StrCat("le numéro FINESS de l'établissement géographique compte 9 caractères : "
                       "9 chiffres, ou 2A/2B puis 7 chiffres en Corse (",
                       Quote(c.finess_eg), " saisi)"));
  }
  return v.ToStatus();
}

absl::StatusOr<std::vector<Event>> DecideCreate(const OffreState& state, const CreateOffre& raw,
                                                const nomenclature::Nomenclatures& codes) {
  const CreateOffre c = Normalize(raw);
  if (absl::Status valid = Validate(c, codes); !valid.ok()) return valid;
  if (state.exists()) {
    if (state.offre_id == c.offre_id && state.nom == c.nom &&
        state.champ_activite == c.champ_activite && state.finess_eg == c.finess_eg) {
      return std::vector<Event>{};  // already done
    }
    return absl::FailedPreconditionError(
        absl::StrCat("l'offre ", state.offre_id, " existe déjà avec d'autres valeurs"));
  }
  OffreCreated created;
  created.set_offre_id(c.offre_id);
  created.set_nom(c.nom);
  created.set_champ_activite(c.champ_activite);
  created.set_finess_eg(c.finess_eg);
  *created.mutable_created_at() = ToProtoTimestamp(c.now);
  return std::vector<Event>{std::move(created)};
}

struct EvolveVisitor {
  OffreState& state;
  void operator()(const OffreCreated& e) const {
    state.offre_id = e.offre_id();
    state.nom = e.nom();
    state.champ_activite = e.champ_activite();
    state.finess_eg = e.finess_eg();
    state.created_at = FromProtoTimestamp(e.created_at());
    state.updated_at = state.created_at;
  }
};

}  // namespace

absl::StatusOr<std::vector<Event>> Decide(const OffreState& state, const Command& command,
                                          const nomenclature::Nomenclatures& codes) {
  return std::visit([&](const auto& c) { return DecideCreate(state, c, codes); }, command);
}

OffreState Evolve(OffreState state, const Event& event) {
  std::visit(EvolveVisitor{state}, event);
  ++state.version;
  return state;
}

OffreState Fold(const std::vector<Event>& events) {
  OffreState state;
  for (const Event& e : events) state = Evolve(std::move(state), e);
  return state;
}

}  // namespace ror::offre::domain
