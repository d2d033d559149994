#pragma once

// Modèles de saisie (input templates, reference §2.6): a template applies to some EG categories
// (J55) and champs d'activité (J20), pre-fills a new offre and restricts the codes some of its
// coded fields may take. Templates are versioned: an offre records the id and version it was
// created with (OffreContent.modele_saisie, modele_saisie_version) and stays under that version;
// a new version, or a withdrawn (`retire`) one, changes only what new offres are offered.
//
//   ASSIGN_OR_RETURN(ModeleCatalog catalog, ModeleCatalog::Build(std::move(modeles), codes));
//   const v1::ModeleSaisie* m = catalog.Latest("139/01");
//   FieldViolations v;
//   CheckApplicable(*m, eg.categorie(), content.champ_activite(), "modele_saisie", v);
//   content = ApplyPrefill(*m, std::move(content));
//   CheckRestrictions(*m, content, "content.", v);
//   RETURN_IF_ERROR(v.ToStatus());

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/modele_saisie.pb.h"
#include "ror/v1/offre_content.pb.h"

namespace ror::offre::domain {

inline constexpr size_t kModeleIdMaxLength = 32;

// The fields of OffreContent whose values are codes of a national list: what the content rules
// check against the lists (CheckContent), what a template may restrict and what its prefill is
// checked against. In the order of the portal's steps.
struct CodedField {
  absl::string_view champ;  // the OffreContent field
  absl::string_view list;
  absl::string_view label;  // French, for messages
  int required_from_step;   // the step (1..3) from which a value is required; 0: never
};

inline constexpr CodedField kCodedFields[] = {
    {"type_offre", "J238", "type d'offre", 2},
    {"mode_prise_en_charge", "J19", "mode de prise en charge", 2},
    {"modalites_accueil", "J226", "modalité d'accueil", 0},
    {"activites_operationnelles", "J17", "activité opérationnelle", 3},
    {"specialisations", "J35", "spécialisation de prise en charge", 0},
    {"actes_specifiques", "J16", "acte spécifique", 0},
    {"professions_ressources", "J186", "profession ressource", 0},
    {"competences", "J33", "compétence spécifique", 0},
    {"niveau_expertise", "J227", "niveau d'expertise", 0},
    {"publics", "J29", "public pris en charge", 0},
};

// The values of a coded field, one for a single field (possibly empty), every element for a
// repeated one. Read by reflection so that the table above is the one place naming the fields.
struct CodedValues {
  bool repeated = false;
  std::vector<std::string> values;
};
CodedValues ValuesOf(const v1::OffreContent& content, const CodedField& field);

// The templates a service offers, every version of each, immutable once built. Cheap to copy:
// copies share the templates, and a pointer handed out stays valid while any copy lives.
class ModeleCatalog {
 public:
  // INVALID_ARGUMENT carrying a BadRequest, with every problem of every template, each on a field
  // "<id> v<version>.<field>" ("139/01 v2.restrictions[0].codes[3]"): an id that is empty or not
  // 1–32 letters, digits, '/' or '-' (starting with a letter or a digit); a version below 1; the
  // same (id, version) twice; an empty titre; no EG category or no champ d'activité; a category
  // not in J55, a champ not in J20; a restriction on a field that is not a coded field of
  // OffreContent, or twice on one field, or without codes; a restricted code not in its national
  // list; a pre-filled code not in its national list, outside the template's own restriction, or a
  // pre-filled champ d'activité the template does not apply to; a pre-filled boolean or template
  // reference (see ApplyPrefill). Deprecated codes are refused: a template proposes codes for new
  // offres. FAILED_PRECONDITION when a list a template uses is not in `codes` (the service was
  // started without it).
  static absl::StatusOr<ModeleCatalog> Build(std::vector<v1::ModeleSaisie> modeles,
                                             const nomenclature::Nomenclatures& codes);
  static ModeleCatalog Empty();

  // The highest version of `id`; nullptr when no template has that id.
  const v1::ModeleSaisie* Latest(absl::string_view id) const;
  // Exactly that version; nullptr when unknown.
  const v1::ModeleSaisie* Find(absl::string_view id, int32_t version) const;

  // What a référent may pick for a new offre of an EG of `categorie_eg`: the latest version of
  // each template, unless withdrawn, that applies to the category and, when `champ_activite` is
  // not empty, to that champ. Sorted by id.
  std::vector<const v1::ModeleSaisie*> Applicable(absl::string_view categorie_eg,
                                                  absl::string_view champ_activite) const;

  // Every version of every template, sorted by id then version.
  const std::vector<v1::ModeleSaisie>& all() const { return *modeles_; }
  // The number of (id, version) pairs.
  size_t size() const { return modeles_->size(); }

 private:
  explicit ModeleCatalog(std::shared_ptr<const std::vector<v1::ModeleSaisie>> modeles)
      : modeles_(std::move(modeles)) {}

  std::shared_ptr<const std::vector<v1::ModeleSaisie>> modeles_;  // sorted by (id, version)
};

// "139/01 « Unité hospitalière de chirurgie viscérale et digestive » (version 2)", for messages.
std::string DescribeModele(const v1::ModeleSaisie& m);

// Adds to `out` violations on `field` (rule "modele_saisie") when `m` may not be chosen for a new
// offre of an EG of `categorie_eg` in `champ_activite` (not checked when empty): the template is
// withdrawn, does not apply to that category, or not to that champ. `categorie_eg` is nullopt for
// an EG not imported yet, whose category nobody knows: the template is then judged on the rest
// alone; an empty category is refused.
void CheckApplicable(const v1::ModeleSaisie& m, std::optional<absl::string_view> categorie_eg,
                     absl::string_view champ_activite, const std::string& field,
                     FieldViolations& out);

// `content` with what the référent left empty taken from the template's prefill: an empty string,
// an empty repeated field, an absent age (with its unit). What the référent typed is never
// replaced. Booleans are not pre-filled, since a false cannot be told from one not typed (Build
// refuses them). Also records the template: modele_saisie = m.id, modele_saisie_version =
// m.version.
v1::OffreContent ApplyPrefill(const v1::ModeleSaisie& m, v1::OffreContent content);

// Adds to `out` a violation on "<prefix><champ>" (a single field) or "<prefix><champ>[i]" (a
// repeated one), rule "modele_saisie", for each code of a restricted field outside the codes the
// template proposes. Empty values are left to the content rules.
void CheckRestrictions(const v1::ModeleSaisie& m, const v1::OffreContent& content,
                       absl::string_view prefix, FieldViolations& out);

}  // namespace ror::offre::domain
