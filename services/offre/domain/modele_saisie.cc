#include "services/offre/domain/modele_saisie.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "libs/common/status_macros.h"
#include "libs/nomenclature/validate.h"

namespace ror::offre::domain {
namespace {

using nomenclature::DeprecatedCodes;

const CodedField* FindCodedField(absl::string_view champ) {
  for (const CodedField& field : kCodedFields) {
    if (field.champ == champ) return &field;
  }
  return nullptr;
}

std::string CodedFieldNames() {
  std::vector<absl::string_view> names;
  for (const CodedField& field : kCodedFields) names.push_back(field.champ);
  return absl::StrJoin(names, ", ");
}

std::string ValueField(absl::string_view field, const CodedValues& values, size_t i) {
  return values.repeated ? nomenclature::IndexedField(field, i) : std::string(field);
}

// Lists shown in messages stay readable: the first codes, then an ellipsis.
std::string ShortList(const google::protobuf::RepeatedPtrField<std::string>& codes) {
  constexpr int kShown = 10;
  if (codes.size() <= kShown) return absl::StrJoin(codes, ", ");
  return absl::StrCat(absl::StrJoin(codes.begin(), codes.begin() + kShown, ", "), ", …");
}

bool IsIdCharacter(char c) { return absl::ascii_isalnum(c) || c == '/' || c == '-'; }

bool IsValidId(absl::string_view id) {
  return !id.empty() && id.size() <= kModeleIdMaxLength && absl::ascii_isalnum(id.front()) &&
         absl::c_all_of(id, IsIdCharacter);
}

// Validate's FAILED_PRECONDITION (a list the service was not started with), naming the template.
absl::Status MissingList(absl::Status status, absl::string_view where) {
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat("modèle de saisie ", where, " : ", status.message()));
}

// One template's problems, on fields "<where>.<name>".
absl::Status CheckModele(const v1::ModeleSaisie& m, absl::string_view where,
                         const nomenclature::Nomenclatures& codes, FieldViolations& out) {
  const auto field = [&](absl::string_view name) { return absl::StrCat(where, ".", name); };
  if (m.id().empty()) {
    out.Add(field("id"), "required", "l'identifiant du modèle de saisie est obligatoire");
  } else if (!IsValidId(m.id())) {
    out.Add(field("id"), "format",
            absl::StrCat("l'identifiant du modèle de saisie « ", m.id(), " » doit faire de 1 à ",
                         kModeleIdMaxLength,
                         " caractères, lettres, chiffres, « / » ou « - », en commençant par une "
                         "lettre ou un chiffre (par exemple « 139/01 » ou « MS-141 »)"));
  }
  if (m.version() < 1) {
    out.Add(
        field("version"), "range",
        absl::StrCat("la version d'un modèle de saisie commence à 1 (", m.version(), " donnée)"));
  }
  if (absl::StripAsciiWhitespace(m.titre()).empty()) {
    out.Add(field("titre"), "required", "le titre du modèle de saisie est obligatoire");
  }
  if (m.categories_eg().empty()) {
    out.Add(field("categories_eg"), "required",
            "un modèle de saisie s'applique à une catégorie d'établissement (J55) au moins");
  } else {
    RETURN_IF_ERROR(MissingList(
        nomenclature::ValidateRepeated(codes, "J55", field("categories_eg"), m.categories_eg(), out,
                                       DeprecatedCodes::kRefuse),
        where));
  }
  if (m.champs_activite().empty()) {
    out.Add(field("champs_activite"), "required",
            "un modèle de saisie s'applique à un champ d'activité (J20) au moins");
  } else {
    RETURN_IF_ERROR(MissingList(
        nomenclature::ValidateRepeated(codes, "J20", field("champs_activite"), m.champs_activite(),
                                       out, DeprecatedCodes::kRefuse),
        where));
  }

  // Restrictions: a known coded field, once, with codes of its list.
  absl::flat_hash_map<absl::string_view, const v1::ChampRestreint*> restricted;
  for (int j = 0; j < m.restrictions_size(); ++j) {
    const v1::ChampRestreint& r = m.restrictions(j);
    const std::string at = field(nomenclature::IndexedField("restrictions", j));
    const CodedField* coded = FindCodedField(r.champ());
    if (coded == nullptr) {
      out.Add(absl::StrCat(at, ".champ"), "coded_field",
              absl::StrCat("« ", r.champ(),
                           " » n'est pas un champ codé de l'offre (champs "
                           "possibles : ",
                           CodedFieldNames(), ")"));
      continue;
    }
    if (!restricted.emplace(coded->champ, &r).second) {
      out.Add(absl::StrCat(at, ".champ"), "duplicate",
              absl::StrCat("le champ ", r.champ(), " est déjà restreint par le modèle"));
      continue;
    }
    if (r.codes().empty()) {
      out.Add(absl::StrCat(at, ".codes"), "required",
              absl::StrCat("une restriction propose un code au moins (", coded->label, ")"));
      continue;
    }
    RETURN_IF_ERROR(
        MissingList(nomenclature::ValidateRepeated(codes, coded->list, absl::StrCat(at, ".codes"),
                                                   r.codes(), out, DeprecatedCodes::kRefuse),
                    where));
  }

  // Prefill: codes of their lists, within the template's own restrictions and champs.
  const v1::OffreContent& prefill = m.prefill();
  for (const CodedField& coded : kCodedFields) {
    const CodedValues values = ValuesOf(prefill, coded);
    const std::string at = field(absl::StrCat("prefill.", coded.champ));
    if (values.repeated) {
      RETURN_IF_ERROR(
          MissingList(nomenclature::ValidateRepeated(codes, coded.list, at, values.values, out,
                                                     DeprecatedCodes::kRefuse),
                      where));
    } else if (!values.values.front().empty()) {
      RETURN_IF_ERROR(
          MissingList(nomenclature::Validate(codes, coded.list, at, values.values.front(), out,
                                             DeprecatedCodes::kRefuse),
                      where));
    }
    const auto restriction = restricted.find(coded.champ);
    if (restriction == restricted.end() || restriction->second->codes().empty()) continue;
    for (size_t i = 0; i < values.values.size(); ++i) {
      const std::string& value = values.values[i];
      if (value.empty() || absl::c_linear_search(restriction->second->codes(), value)) continue;
      out.Add(ValueField(at, values, i), "restriction",
              absl::StrCat("le code pré-rempli ", value,
                           " n'est pas parmi ceux que le modèle "
                           "propose pour ",
                           coded.label, " (", ShortList(restriction->second->codes()), ")"));
    }
  }
  if (!prefill.champ_activite().empty()) {
    RETURN_IF_ERROR(
        MissingList(nomenclature::Validate(codes, "J20", field("prefill.champ_activite"),
                                           prefill.champ_activite(), out, DeprecatedCodes::kRefuse),
                    where));
    if (!m.champs_activite().empty() &&
        !absl::c_linear_search(m.champs_activite(), prefill.champ_activite())) {
      out.Add(
          field("prefill.champ_activite"), "restriction",
          absl::StrCat("le champ d'activité pré-rempli ", prefill.champ_activite(),
                       " n'est pas un de ceux du modèle (", ShortList(m.champs_activite()), ")"));
    }
  }
  const auto not_prefillable = [&](absl::string_view name, absl::string_view why) {
    out.Add(field(absl::StrCat("prefill.", name)), "not_prefillable",
            absl::StrCat(name, " ne se pré-remplit pas : ", why));
  };
  constexpr absl::string_view kBoolean =
      "une case non cochée ne se distingue pas d'une case laissée vide";
  if (prefill.unite_sensible()) not_prefillable("unite_sensible", kBoolean);
  if (prefill.soins_sans_consentement()) not_prefillable("soins_sans_consentement", kBoolean);
  constexpr absl::string_view kReference = "le serveur l'inscrit d'après le modèle choisi";
  if (!prefill.modele_saisie().empty()) not_prefillable("modele_saisie", kReference);
  if (prefill.modele_saisie_version() != 0) not_prefillable("modele_saisie_version", kReference);
  return absl::OkStatus();
}

bool ById(const v1::ModeleSaisie& a, const v1::ModeleSaisie& b) {
  return std::forward_as_tuple(a.id(), a.version()) < std::forward_as_tuple(b.id(), b.version());
}

template <typename T>
void FillIfEmpty(google::protobuf::RepeatedPtrField<T>& typed,
                 const google::protobuf::RepeatedPtrField<T>& prefill) {
  if (typed.empty()) typed = prefill;
}

void FillIfEmpty(std::string& typed, const std::string& prefill) {
  if (typed.empty()) typed = prefill;
}

}  // namespace

CodedValues ValuesOf(const v1::OffreContent& content, const CodedField& field) {
  const google::protobuf::FieldDescriptor* descriptor =
      v1::OffreContent::descriptor()->FindFieldByName(std::string(field.champ));
  const google::protobuf::Reflection* reflection = content.GetReflection();
  CodedValues out;
  out.repeated = descriptor->is_repeated();
  if (out.repeated) {
    const int n = reflection->FieldSize(content, descriptor);
    for (int i = 0; i < n; ++i) {
      out.values.push_back(reflection->GetRepeatedString(content, descriptor, i));
    }
  } else {
    out.values.push_back(reflection->GetString(content, descriptor));
  }
  return out;
}

absl::StatusOr<ModeleCatalog> ModeleCatalog::Build(std::vector<v1::ModeleSaisie> modeles,
                                                   const nomenclature::Nomenclatures& codes) {
  FieldViolations violations;
  absl::flat_hash_set<std::pair<std::string, int32_t>> seen;
  for (size_t i = 0; i < modeles.size(); ++i) {
    const v1::ModeleSaisie& m = modeles[i];
    // Before the id is known to be good, the template is named by its place in the input.
    const std::string where = m.id().empty() ? absl::StrCat("modeles[", i, "] v", m.version())
                                             : absl::StrCat(m.id(), " v", m.version());
    RETURN_IF_ERROR(CheckModele(m, where, codes, violations));
    if (!m.id().empty() && !seen.emplace(m.id(), m.version()).second) {
      violations.Add(absl::StrCat(where, ".version"), "duplicate",
                     absl::StrCat("le modèle de saisie ", m.id(),
                                  " est donné deux fois en version ", m.version()));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());
  std::sort(modeles.begin(), modeles.end(), ById);
  return ModeleCatalog(std::make_shared<const std::vector<v1::ModeleSaisie>>(std::move(modeles)));
}

ModeleCatalog ModeleCatalog::Empty() {
  return ModeleCatalog(std::make_shared<const std::vector<v1::ModeleSaisie>>());
}

const v1::ModeleSaisie* ModeleCatalog::Latest(absl::string_view id) const {
  const auto after =
      std::upper_bound(modeles_->begin(), modeles_->end(), id,
                       [](absl::string_view id, const v1::ModeleSaisie& m) { return id < m.id(); });
  if (after == modeles_->begin() || std::prev(after)->id() != id) return nullptr;
  return &*std::prev(after);
}

const v1::ModeleSaisie* ModeleCatalog::Find(absl::string_view id, int32_t version) const {
  const auto at = std::lower_bound(
      modeles_->begin(), modeles_->end(), std::make_pair(id, version),
      [](const v1::ModeleSaisie& m, const std::pair<absl::string_view, int32_t>& key) {
        return std::make_pair(absl::string_view(m.id()), m.version()) < key;
      });
  if (at == modeles_->end() || at->id() != id || at->version() != version) return nullptr;
  return &*at;
}

std::vector<const v1::ModeleSaisie*> ModeleCatalog::Applicable(
    absl::string_view categorie_eg, absl::string_view champ_activite) const {
  std::vector<const v1::ModeleSaisie*> out;
  const std::vector<v1::ModeleSaisie>& all = *modeles_;
  for (size_t i = 0; i < all.size(); ++i) {
    const v1::ModeleSaisie& m = all[i];
    if (i + 1 < all.size() && all[i + 1].id() == m.id()) continue;  // not the latest version
    if (m.retire() || !absl::c_linear_search(m.categories_eg(), categorie_eg)) continue;
    if (!champ_activite.empty() && !absl::c_linear_search(m.champs_activite(), champ_activite)) {
      continue;
    }
    out.push_back(&m);
  }
  return out;
}

std::string DescribeModele(const v1::ModeleSaisie& m) {
  return absl::StrCat(m.id(), " « ", m.titre(), " » (version ", m.version(), ")");
}

void CheckApplicable(const v1::ModeleSaisie& m, std::optional<absl::string_view> categorie_eg,
                     absl::string_view champ_activite, const std::string& field,
                     FieldViolations& out) {
  const std::string modele = DescribeModele(m);
  if (m.retire()) {
    out.Add(field, "modele_saisie",
            absl::StrCat("le modèle de saisie ", modele,
                         " est retiré : il n'est plus proposé pour une nouvelle offre"));
  }
  if (!categorie_eg.has_value()) {
    // Not imported: judged on the rest.
  } else if (categorie_eg->empty()) {
    out.Add(field, "modele_saisie",
            absl::StrCat("la catégorie de l'établissement n'est pas connue ; le modèle de saisie ",
                         modele, " s'applique aux catégories ", ShortList(m.categories_eg())));
  } else if (!absl::c_linear_search(m.categories_eg(), *categorie_eg)) {
    out.Add(field, "modele_saisie",
            absl::StrCat("le modèle de saisie ", modele,
                         " ne s'applique pas aux établissements de catégorie ", *categorie_eg,
                         " (catégories du modèle : ", ShortList(m.categories_eg()), ")"));
  }
  if (!champ_activite.empty() && !absl::c_linear_search(m.champs_activite(), champ_activite)) {
    out.Add(
        field, "modele_saisie",
        absl::StrCat("le modèle de saisie ", modele, " ne s'applique pas au champ d'activité ",
                     champ_activite, " (champs du modèle : ", ShortList(m.champs_activite()), ")"));
  }
}

v1::OffreContent ApplyPrefill(const v1::ModeleSaisie& m, v1::OffreContent c) {
  // Field by field rather than by reflection: each kind of field has its own notion of "empty"
  // (an age goes with its unit), and a new field is pre-filled only once someone decides how.
  const v1::OffreContent& p = m.prefill();
  FillIfEmpty(*c.mutable_nom(), p.nom());
  FillIfEmpty(*c.mutable_champ_activite(), p.champ_activite());
  FillIfEmpty(*c.mutable_type_offre(), p.type_offre());
  FillIfEmpty(*c.mutable_mode_prise_en_charge(), p.mode_prise_en_charge());
  FillIfEmpty(*c.mutable_modalites_accueil(), p.modalites_accueil());
  FillIfEmpty(*c.mutable_activites_operationnelles(), p.activites_operationnelles());
  FillIfEmpty(*c.mutable_specialisations(), p.specialisations());
  FillIfEmpty(*c.mutable_actes_specifiques(), p.actes_specifiques());
  FillIfEmpty(*c.mutable_competences(), p.competences());
  FillIfEmpty(*c.mutable_niveau_expertise(), p.niveau_expertise());
  FillIfEmpty(*c.mutable_publics(), p.publics());
  FillIfEmpty(*c.mutable_professions_ressources(), p.professions_ressources());
  FillIfEmpty(*c.mutable_contacts(), p.contacts());
  FillIfEmpty(*c.mutable_horaires(), p.horaires());
  FillIfEmpty(*c.mutable_adresses_mssante(), p.adresses_mssante());
  FillIfEmpty(*c.mutable_commentaire(), p.commentaire());
  if (!c.has_age_min() && c.age_min_unite().empty() && p.has_age_min()) {
    c.set_age_min(p.age_min());
    c.set_age_min_unite(p.age_min_unite());
  }
  if (!c.has_age_max() && c.age_max_unite().empty() && p.has_age_max()) {
    c.set_age_max(p.age_max());
    c.set_age_max_unite(p.age_max_unite());
  }
  c.set_modele_saisie(m.id());
  c.set_modele_saisie_version(m.version());
  return c;
}

void CheckRestrictions(const v1::ModeleSaisie& m, const v1::OffreContent& content,
                       absl::string_view prefix, FieldViolations& out) {
  for (const v1::ChampRestreint& r : m.restrictions()) {
    const CodedField* coded = FindCodedField(r.champ());
    if (coded == nullptr) continue;  // Build refuses such a template
    const CodedValues values = ValuesOf(content, *coded);
    const std::string field = absl::StrCat(prefix, coded->champ);
    for (size_t i = 0; i < values.values.size(); ++i) {
      const std::string& value = values.values[i];
      if (value.empty() || absl::c_linear_search(r.codes(), value)) continue;
      out.Add(ValueField(field, values, i), "modele_saisie",
              absl::StrCat("le code ", value, " n'est pas proposé par le modèle de saisie ",
                           DescribeModele(m), " pour ", coded->label,
                           " (codes proposés : ", ShortList(r.codes()), ")"));
    }
  }
}

}  // namespace ror::offre::domain
