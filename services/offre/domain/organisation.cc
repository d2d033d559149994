#include "services/offre/domain/organisation.h"

#include <algorithm>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/message_differencer.h"
#include "libs/common/field_violations.h"
#include "libs/common/ids.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/validate.h"
#include "services/offre/domain/field_rules.h"
#include "services/offre/domain/mss_address.h"
#include "services/offre/domain/offre_fiche_rules.h"

namespace ror::offre::domain {
namespace {

// The organisations internes of J203 and where each may hang (see organisation.h).
struct OiType {
  absl::string_view code;
  absl::string_view label;      // "unité fonctionnelle"
  absl::string_view a_label;    // "une unité fonctionnelle"
  absl::string_view the_label;  // "l'unité fonctionnelle"
  bool feminine;
  absl::string_view parents[3];    // J203 codes or "EG"; unused slots empty
  absl::string_view parents_text;  // the same, for a person
};

constexpr absl::string_view kEG = kEtablissementGeographique;

constexpr OiType kOiTypes[] = {
    {kPole, "pôle", "un pôle", "le pôle", false, {kEG}, "à l'établissement géographique seulement"},
    {kService,
     "service",
     "un service",
     "le service",
     false,
     {kEG, kPole},
     "à l'établissement géographique ou à un pôle"},
    {kUniteFonctionnelle,
     "unité fonctionnelle",
     "une unité fonctionnelle",
     "l'unité fonctionnelle",
     true,
     {kEG, kPole, kService},
     "à l'établissement géographique, à un pôle ou à un service"},
    {kUniteElementaire,
     "unité élémentaire",
     "une unité élémentaire",
     "l'unité élémentaire",
     true,
     {kUniteFonctionnelle, kService},
     "à une unité fonctionnelle ou à un service"},
};

// At most this many open children or offres are named in a refusal; the rest are counted.
constexpr size_t kMaxNamed = 10;

const OiType* FindType(absl::string_view code) {
  for (const OiType& t : kOiTypes) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

// "le pôle « Médecine »".
std::string Named(const OrganisationState& o) {
  const OiType* t = FindType(o.type);
  return absl::StrCat(t != nullptr ? t->the_label : "l'organisation", " « ", o.nom, " »");
}

// "est fermé" or "est fermée", agreeing with the type.
absl::string_view IsClosed(const OrganisationState& o) {
  const OiType* t = FindType(o.type);
  return t != nullptr && t->feminine ? "est fermée" : "est fermé";
}

void CheckNom(FieldViolations& v, const std::string& nom) {
  if (nom.empty()) {
    v.Add("nom", "required", "le nom de l'organisation est obligatoire");
  } else if (const size_t length = Utf8Length(nom); length > kOrganisationNomMaxLength) {
    v.Add("nom", "max_length",
          absl::StrCat("le nom de l'organisation ne doit pas dépasser ", kOrganisationNomMaxLength,
                       " caractères (", length, " saisis)"));
  } else if (HasControlCharacter(nom)) {
    v.Add("nom", "no_control_characters",
          "le nom de l'organisation ne doit contenir ni retour à la ligne, ni tabulation, ni "
          "autre caractère de contrôle");
  }
}

void CheckMss(FieldViolations& v, const std::string& address) {
  if (!address.empty() && !IsMssAddress(address)) {
    v.Add("boite_lettre_mss", "format",
          absl::StrCat("la boîte aux lettres MSSanté est une adresse de messagerie sécurisée de "
                       "santé, de la forme nom@domaine.mssante.fr (",
                       Quote(address), " saisi)"));
  }
}

CreateOrganisation Normalize(const CreateOrganisation& in) {
  CreateOrganisation out = in;
  out.type = Trimmed(in.type);
  out.nom = Trimmed(in.nom);
  out.finess_eg = absl::AsciiStrToUpper(Trimmed(in.finess_eg));
  out.parent_id = Trimmed(in.parent_id);
  out.boite_lettre_mss = NormalizeMssAddress(in.boite_lettre_mss);
  return out;
}

absl::Status Validate(const CreateOrganisation& c, const nomenclature::Nomenclatures& codes) {
  FieldViolations v;
  if (!IsUuid(c.organisation_id)) {
    v.Add("organisation_id", "format",
          "l'identifiant de l'organisation doit être un UUID en minuscules");
  }
  const int before = v.bad_request().field_violations_size();
  // A new organisation may not choose a type the nation has withdrawn.
  if (absl::Status listed = nomenclature::Validate(codes, "J203", "type", c.type, v,
                                                   nomenclature::DeprecatedCodes::kRefuse);
      !listed.ok()) {
    return listed;
  }
  const bool type_listed = v.bad_request().field_violations_size() == before;
  const OiType* type = FindType(c.type);
  if (type_listed && type == nullptr) {
    v.Add("type", "organisation_interne",
          absl::StrCat("le type d'une organisation interne est 1 (pôle), 2 (service), 3 (unité "
                       "fonctionnelle) ou 4 (unité élémentaire) ; ",
                       Quote(c.type), " désigne un établissement"));
  }
  CheckNom(v, c.nom);
  CheckFiness(c.finess_eg, "finess_eg", kFinessEgLabel, v);
  if (!c.parent_id.empty() && !IsUuid(c.parent_id)) {
    v.Add("parent_id", "format",
          absl::StrCat("l'organisation parente est désignée par son identifiant, un UUID en "
                       "minuscules (",
                       Quote(c.parent_id), " saisi)"));
  } else if (c.parent_id.empty() && type != nullptr && !MayHangOn(type->code, kEG)) {
    v.Add("parent_id", "required",
          absl::StrCat(type->a_label, " se rattache ", type->parents_text,
                       " : l'organisation parente est obligatoire"));
  }
  CheckMss(v, c.boite_lettre_mss);
  return v.ToStatus();
}

bool SameCreation(const OrganisationState& s, const CreateOrganisation& c) {
  return s.organisation_id == c.organisation_id && s.type == c.type && s.nom == c.nom &&
         s.finess_eg == c.finess_eg && s.parent_id == c.parent_id &&
         s.boite_lettre_mss == c.boite_lettre_mss;
}

// The EG and the parent, facts the handler looked up.
absl::Status CheckPlace(const CreateOrganisation& c) {
  if (!c.etablissement_exists) {
    return absl::FailedPreconditionError(
        absl::StrCat("l'établissement géographique ", c.finess_eg,
                     " est inconnu du ROR : il doit être importé depuis FINESS avant que son "
                     "organisation interne soit décrite"));
  }
  if (c.parent_id.empty()) return absl::OkStatus();
  if (!c.parent.has_value() || !c.parent->exists()) {
    return absl::FailedPreconditionError(
        absl::StrCat("l'organisation parente ", c.parent_id, " est introuvable"));
  }
  const OrganisationState& parent = *c.parent;
  if (parent.finess_eg != c.finess_eg) {
    return absl::FailedPreconditionError(absl::StrCat(
        Named(parent), " appartient à l'établissement ", parent.finess_eg, ", pas à ", c.finess_eg,
        " : une organisation se rattache à une "
        "organisation du même établissement"));
  }
  if (parent.closed) {
    return absl::FailedPreconditionError(
        absl::StrCat(Named(parent), " ", IsClosed(parent), " : rien ne peut plus s'y rattacher"));
  }
  if (!MayHangOn(c.type, parent.type)) {
    const OiType* type = FindType(c.type);
    const OiType* parent_type = FindType(parent.type);
    return absl::FailedPreconditionError(
        absl::StrCat(type->a_label, " se rattache ", type->parents_text, " ; « ", parent.nom,
                     " » est ", parent_type != nullptr ? parent_type->a_label : parent.type));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<OrganisationEvent>> DecideCreate(
    const OrganisationState& state, const CreateOrganisation& raw,
    const nomenclature::Nomenclatures& codes) {
  const CreateOrganisation c = Normalize(raw);
  if (absl::Status valid = Validate(c, codes); !valid.ok()) return valid;
  if (state.exists()) {
    if (SameCreation(state, c)) return std::vector<OrganisationEvent>{};  // already done
    return absl::FailedPreconditionError(absl::StrCat("l'organisation ", state.organisation_id,
                                                      " existe déjà avec d'autres valeurs"));
  }
  if (absl::Status place = CheckPlace(c); !place.ok()) return place;
  OrganisationCreated created;
  created.set_organisation_id(c.organisation_id);
  created.set_type(c.type);
  created.set_nom(c.nom);
  created.set_finess_eg(c.finess_eg);
  created.set_parent_id(c.parent_id);
  created.set_boite_lettre_mss(c.boite_lettre_mss);
  *created.mutable_created_at() = ToProtoTimestamp(c.now);
  return std::vector<OrganisationEvent>{std::move(created)};
}

absl::Status NotFound(absl::string_view organisation_id) {
  return absl::NotFoundError(absl::StrCat("organisation ", organisation_id, " introuvable"));
}

bool SameContacts(const google::protobuf::RepeatedPtrField<v1::Contact>& a,
                  const google::protobuf::RepeatedPtrField<v1::Contact>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const v1::Contact& x, const v1::Contact& y) {
           return google::protobuf::util::MessageDifferencer::Equals(x, y);
         });
}

absl::StatusOr<std::vector<OrganisationEvent>> DecideUpdate(
    const OrganisationState& state, const UpdateOrganisation& u,
    const nomenclature::Nomenclatures& codes) {
  const std::string nom = u.nom.has_value() ? Trimmed(*u.nom) : state.nom;
  const std::string mss = u.boite_lettre_mss.has_value() ? NormalizeMssAddress(*u.boite_lettre_mss)
                                                         : state.boite_lettre_mss;
  google::protobuf::RepeatedPtrField<v1::Contact> contacts =
      u.contacts.has_value() ? *u.contacts : state.contacts;
  NormalizeContacts(contacts, /*tres_restreinte=*/false);
  FieldViolations v;
  if (u.nom.has_value()) CheckNom(v, nom);
  if (u.boite_lettre_mss.has_value()) CheckMss(v, mss);
  if (u.contacts.has_value()) RETURN_IF_ERROR(CheckContacts(contacts, codes, "", v));
  if (absl::Status valid = v.ToStatus(); !valid.ok()) return valid;
  if (!state.exists()) return NotFound(u.organisation_id);
  if (nom == state.nom && mss == state.boite_lettre_mss && SameContacts(contacts, state.contacts)) {
    return std::vector<OrganisationEvent>{};  // nothing changes, or already done
  }
  if (state.closed) {
    return absl::FailedPreconditionError(absl::StrCat(
        Named(state), " ", IsClosed(state),
        " : il n'est plus possible de modifier son nom, sa boîte aux lettres MSSanté ni ses "
        "contacts"));
  }
  OrganisationUpdated updated;
  updated.set_organisation_id(state.organisation_id);
  updated.set_nom(nom);
  updated.set_boite_lettre_mss(mss);
  *updated.mutable_contacts() = std::move(contacts);
  *updated.mutable_updated_at() = ToProtoTimestamp(u.now);
  return std::vector<OrganisationEvent>{std::move(updated)};
}

// "l'unité fonctionnelle « Cardiologie » (0190…), … et 3 autres".
template <typename T, typename Format>
std::string NameSome(const std::vector<T>& items, Format format) {
  std::vector<std::string> named;
  for (size_t i = 0; i < items.size() && i < kMaxNamed; ++i) named.push_back(format(items[i]));
  std::string text = absl::StrJoin(named, ", ");
  if (items.size() > kMaxNamed) absl::StrAppend(&text, " et ", items.size() - kMaxNamed, " autres");
  return text;
}

absl::StatusOr<std::vector<OrganisationEvent>> DecideClose(const OrganisationState& state,
                                                           const CloseOrganisation& c) {
  if (!state.exists()) return NotFound(c.organisation_id);
  if (state.closed) return std::vector<OrganisationEvent>{};  // already done
  if (!c.open_children.empty() || !c.open_offre_ids.empty()) {
    std::vector<std::string> reasons;
    if (!c.open_children.empty()) {
      reasons.push_back(absl::StrCat("des organisations ouvertes y sont rattachées (",
                                     NameSome(c.open_children,
                                              [](const OrganisationState& o) {
                                                return absl::StrCat(Named(o), " ",
                                                                    o.organisation_id);
                                              }),
                                     ")"));
    }
    if (!c.open_offre_ids.empty()) {
      reasons.push_back(
          absl::StrCat("des offres ouvertes y sont rattachées (",
                       NameSome(c.open_offre_ids, [](const std::string& id) { return id; }), ")"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("impossible de fermer ", Named(state), " : ", absl::StrJoin(reasons, " et "),
                     " ; fermez-les ou rattachez-les ailleurs d'abord"));
  }
  OrganisationClosed closed;
  closed.set_organisation_id(state.organisation_id);
  *closed.mutable_closed_at() = ToProtoTimestamp(c.now);
  return std::vector<OrganisationEvent>{std::move(closed)};
}

struct EvolveVisitor {
  OrganisationState& state;
  void operator()(const OrganisationCreated& e) const {
    state.organisation_id = e.organisation_id();
    state.type = e.type();
    state.nom = e.nom();
    state.finess_eg = e.finess_eg();
    state.parent_id = e.parent_id();
    state.boite_lettre_mss = e.boite_lettre_mss();
    state.created_at = FromProtoTimestamp(e.created_at());
    state.updated_at = state.created_at;
  }
  void operator()(const OrganisationUpdated& e) const {
    state.nom = e.nom();
    state.boite_lettre_mss = e.boite_lettre_mss();
    state.contacts = e.contacts();
    state.updated_at = FromProtoTimestamp(e.updated_at());
  }
  void operator()(const OrganisationClosed& e) const {
    state.closed = true;
    state.closed_at = FromProtoTimestamp(e.closed_at());
    state.updated_at = state.closed_at;
  }
};

}  // namespace

std::string TypeLabel(absl::string_view type) {
  const OiType* t = FindType(type);
  return t != nullptr ? std::string(t->label) : std::string(type);
}

bool MayHangOn(absl::string_view child, absl::string_view parent) {
  const OiType* t = FindType(child);
  if (t == nullptr || parent.empty()) return false;
  return std::find(std::begin(t->parents), std::end(t->parents), parent) != std::end(t->parents);
}

absl::StatusOr<std::vector<OrganisationEvent>> Decide(const OrganisationState& state,
                                                      const OrganisationCommand& command,
                                                      const nomenclature::Nomenclatures& codes) {
  if (const auto* create = std::get_if<CreateOrganisation>(&command)) {
    return DecideCreate(state, *create, codes);
  }
  if (const auto* update = std::get_if<UpdateOrganisation>(&command)) {
    return DecideUpdate(state, *update, codes);
  }
  return DecideClose(state, std::get<CloseOrganisation>(command));
}

OrganisationState Evolve(OrganisationState state, const OrganisationEvent& event) {
  std::visit(EvolveVisitor{state}, event);
  ++state.version;
  return state;
}

}  // namespace ror::offre::domain
