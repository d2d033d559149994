#include "services/search/domain/guide.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/util/json_util.h"

namespace ror::search::domain {
namespace {

using Strings = google::protobuf::RepeatedPtrField<std::string>;

// Past this many, the rest are counted: a nomenclature update that drops codes should give a
// readable start-up error, not a page of it.
constexpr size_t kMaxProblems = 20;
constexpr double kMaxRayonKm = 1000;
// Codes named in a warning about a partial list; the count says how many more.
constexpr size_t kMaxCodesShown = 10;

// A criteria field holding codes of a national list (search.proto names the list beside each).
struct CodedField {
  absl::string_view field;
  absl::string_view list_id;
  const Strings* codes;
};

std::array<CodedField, 6> CodedFields(const v1::SearchCriteria& c) {
  return {{
      {"champs_activite", "J20", &c.champs_activite()},
      {"activites_operationnelles", "J17", &c.activites_operationnelles()},
      {"modes_prise_en_charge", "J19", &c.modes_prise_en_charge()},
      {"actes_specifiques", "J16", &c.actes_specifiques()},
      {"types_offre", "J238", &c.types_offre()},
      {"publics", "J29", &c.publics()},
  }};
}

// The other repeated fields: no list to check them against here, but an empty value is a mistake.
struct PlainField {
  absl::string_view field;
  const Strings* values;
};

std::array<PlainField, 7> PlainFields(const v1::SearchCriteria& c) {
  return {{
      {"finess_ej", &c.finess_ej()},
      {"finess_eg", &c.finess_eg()},
      {"siret", &c.siret()},
      {"regions", &c.regions()},
      {"departements", &c.departements()},
      {"communes", &c.communes()},
      {"codes_postaux", &c.codes_postaux()},
  }};
}

bool IsBlank(absl::string_view s) { return absl::StripAsciiWhitespace(s).empty(); }

// Ids end up in requests, saved searches and URLs: kept to a plain alphabet.
bool IsValidId(absl::string_view id) {
  if (id.empty()) return false;
  for (const char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// An article that selects nothing would return the whole directory: not a guided search.
bool HasCriterion(const v1::SearchCriteria& criteria) {
  v1::SearchCriteria rest = criteria;
  rest.set_texte(std::string(absl::StripAsciiWhitespace(rest.texte())));
  rest.set_etablissement(std::string(absl::StripAsciiWhitespace(rest.etablissement())));
  rest.clear_inclure_fermees();  // widens a search, never narrows it
  return rest.ByteSizeLong() > 0;
}

// Walks the tree once, gathering every problem rather than stopping at the first: whoever edits
// guide.json fixes them all in one go.
class Checker {
 public:
  explicit Checker(const nomenclature::Nomenclatures& codes) : codes_(codes) {}

  void Check(const v1::Guide& guide) {
    if (guide.domaines().empty()) Problem("domaines", "le guide ne propose aucun domaine");
    absl::flat_hash_map<std::string, std::string> domaine_ids;
    for (int d = 0; d < guide.domaines_size(); ++d) {
      const v1::GuideDomaine& domaine = guide.domaines(d);
      const std::string at = absl::StrCat("domaines[", d, "]");
      CheckId(at, domaine.id(), domaine_ids);
      CheckTitre(at, domaine.titre());
      if (domaine.sous_domaines().empty()) {
        Problem(absl::StrCat(at, ".sous_domaines"), "le domaine ne propose aucun sous-domaine");
      }
      absl::flat_hash_map<std::string, std::string> sous_domaine_ids;
      for (int s = 0; s < domaine.sous_domaines_size(); ++s) {
        const v1::GuideSousDomaine& sous_domaine = domaine.sous_domaines(s);
        const std::string sat = absl::StrCat(at, ".sous_domaines[", s, "]");
        CheckId(sat, sous_domaine.id(), sous_domaine_ids);
        CheckTitre(sat, sous_domaine.titre());
        if (sous_domaine.articles().empty()) {
          Problem(absl::StrCat(sat, ".articles"), "le sous-domaine ne propose aucun article");
        }
        for (int a = 0; a < sous_domaine.articles_size(); ++a) {
          const v1::GuideArticle& article = sous_domaine.articles(a);
          const std::string aat = absl::StrCat(sat, ".articles[", a, "]");
          CheckId(aat, article.id(), article_ids_);
          CheckTitre(aat, article.titre());
          CheckCriteria(absl::StrCat(aat, ".criteria"), article.criteria());
        }
      }
    }
  }

  absl::Status ToStatus() const {
    if (problems_.empty()) return absl::OkStatus();
    std::string message =
        absl::StrCat("guide de recherche invalide : ", absl::StrJoin(problems_, " ; "));
    if (dropped_ > 0) absl::StrAppend(&message, " ; … et ", dropped_, " autres problèmes");
    return absl::InvalidArgumentError(message);
  }

  // One line per list whose codes could not all be checked.
  std::vector<std::string> Warnings() const {
    std::vector<std::string> warnings;
    for (const auto& [list_id, count] : absent_) {
      warnings.push_back(absl::StrCat("guide de recherche : liste ", list_id, " non chargée, ",
                                      count, " code(s) non vérifié(s)"));
    }
    for (const auto& [list_id, unchecked] : partial_) {
      std::string line = absl::StrCat(
          "guide de recherche : liste ", list_id, " partielle, ", unchecked.size(),
          " code(s) absent(s) de la partie chargée et non vérifié(s) : ",
          absl::StrJoin(unchecked.begin(),
                        unchecked.begin() + std::min(unchecked.size(), kMaxCodesShown), ", "));
      if (unchecked.size() > kMaxCodesShown) absl::StrAppend(&line, ", …");
      warnings.push_back(std::move(line));
    }
    return warnings;
  }

 private:
  void Problem(absl::string_view path, absl::string_view message) {
    if (problems_.size() == kMaxProblems) {
      ++dropped_;
      return;
    }
    problems_.push_back(absl::StrCat(path, ": ", message));
  }

  void CheckId(absl::string_view at, const std::string& id,
               absl::flat_hash_map<std::string, std::string>& seen) {
    const std::string path = absl::StrCat(at, ".id");
    if (id.empty()) {
      Problem(path, "identifiant obligatoire");
      return;
    }
    if (!IsValidId(id)) {
      Problem(path, absl::StrCat("identifiant \"", id,
                                 "\" invalide : lettres minuscules sans accent, chiffres, "
                                 "« _ », « - » et « . » seulement"));
      return;
    }
    const auto [it, inserted] = seen.try_emplace(id, at);
    if (!inserted) {
      Problem(path, absl::StrCat("identifiant \"", id, "\" déjà utilisé par ", it->second));
    }
  }

  void CheckTitre(absl::string_view at, absl::string_view titre) {
    if (IsBlank(titre)) Problem(absl::StrCat(at, ".titre"), "titre obligatoire");
  }

  void CheckCriteria(absl::string_view at, const v1::SearchCriteria& criteria) {
    if (!HasCriterion(criteria)) {
      Problem(at, "l'article n'a ni texte ni critère : il trouverait tout l'annuaire");
      return;
    }
    for (const CodedField& f : CodedFields(criteria)) {
      CheckCodes(absl::StrCat(at, ".", f.field), f.list_id, *f.codes);
    }
    for (const PlainField& f : PlainFields(criteria)) {
      for (int i = 0; i < f.values->size(); ++i) {
        if (IsBlank(f.values->Get(i))) {
          Problem(absl::StrCat(at, ".", f.field, "[", i, "]"), "valeur vide");
        }
      }
    }
    if (criteria.has_age()) CheckAge(absl::StrCat(at, ".age"), criteria.age());
    if (criteria.has_proximite()) {
      CheckProximite(absl::StrCat(at, ".proximite"), criteria.proximite());
    }
  }

  void CheckCodes(absl::string_view at, absl::string_view list_id, const Strings& codes) {
    if (codes.empty()) return;
    const nomenclature::CodeList* list = codes_.Find(list_id);
    absl::flat_hash_map<absl::string_view, int> seen;
    for (int i = 0; i < codes.size(); ++i) {
      const std::string& code = codes.Get(i);
      const std::string path = absl::StrCat(at, "[", i, "]");
      if (code.empty()) {
        Problem(path, "code vide");
        continue;
      }
      if (const auto [it, inserted] = seen.try_emplace(code, i); !inserted) {
        Problem(path, absl::StrCat("code \"", code, "\" déjà donné en [", it->second, "]"));
        continue;
      }
      if (list == nullptr) {
        ++absent_[list_id];
        continue;
      }
      // FindAll: a code present in several systems of a mixed list is still a known code.
      if (!list->FindAll(code).empty()) continue;
      if (!list->complete()) {
        partial_[list_id].push_back(code);
        continue;
      }
      Problem(path, absl::StrCat("code \"", code, "\" inconnu de ", list_id));
    }
  }

  void CheckAge(absl::string_view at, const v1::Age& age) {
    if (age.valeur() < 0) {
      Problem(absl::StrCat(at, ".valeur"), absl::StrCat("âge négatif (", age.valeur(), ")"));
    }
    if (age.unite() != "jours" && age.unite() != "mois" && age.unite() != "ans") {
      Problem(absl::StrCat(at, ".unite"),
              absl::StrCat("unité \"", age.unite(), "\" inconnue : jours, mois ou ans"));
    }
  }

  void CheckProximite(absl::string_view at, const v1::Proximity& proximite) {
    if (proximite.centre_case() == v1::Proximity::CENTRE_NOT_SET) {
      Problem(at, "centre obligatoire : un point, une commune ou un FINESS");
    }
    if (!(proximite.rayon_km() > 0 && proximite.rayon_km() <= kMaxRayonKm)) {
      Problem(absl::StrCat(at, ".rayon_km"), absl::StrCat("rayon de ", proximite.rayon_km(),
                                                          " km hors de ]0, ", kMaxRayonKm, "]"));
    }
  }

  const nomenclature::Nomenclatures& codes_;
  absl::flat_hash_map<std::string, std::string> article_ids_;  // id → path of its first use
  std::vector<std::string> problems_;
  size_t dropped_ = 0;
  // Sorted, so the warnings read the same at every start.
  absl::btree_map<std::string, int> absent_;
  absl::btree_map<std::string, std::vector<std::string>> partial_;
};

}  // namespace

absl::StatusOr<Guide> Guide::Parse(absl::string_view json,
                                   const nomenclature::Nomenclatures& codes) {
  Guide guide;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto parsed = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &guide.tree_, options);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("guide de recherche : JSON invalide pour un ror.v1.Guide : ",
                     std::string(parsed.message())));
  }

  Checker checker(codes);
  checker.Check(guide.tree_);
  if (absl::Status status = checker.ToStatus(); !status.ok()) return status;
  guide.warnings_ = checker.Warnings();

  for (int d = 0; d < guide.tree_.domaines_size(); ++d) {
    const v1::GuideDomaine& domaine = guide.tree_.domaines(d);
    for (int s = 0; s < domaine.sous_domaines_size(); ++s) {
      const v1::GuideSousDomaine& sous_domaine = domaine.sous_domaines(s);
      for (int a = 0; a < sous_domaine.articles_size(); ++a) {
        guide.articles_.emplace(sous_domaine.articles(a).id(), Position{d, s, a});
      }
    }
  }
  return guide;
}

absl::StatusOr<Guide> Guide::Load(const std::filesystem::path& file,
                                  const nomenclature::Nomenclatures& codes) {
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    return absl::NotFoundError(absl::StrCat("guide de recherche introuvable : ", file.string()));
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in.is_open() || (!in.good() && !in.eof())) {
    return absl::InvalidArgumentError(
        absl::StrCat("guide de recherche ", file.string(), " : lecture impossible"));
  }
  absl::StatusOr<Guide> guide = Parse(text.str(), codes);
  if (!guide.ok()) {
    return absl::Status(guide.status().code(),
                        absl::StrCat(file.string(), " : ", guide.status().message()));
  }
  return guide;
}

const v1::GuideArticle* Guide::FindArticle(absl::string_view id) const {
  const auto it = articles_.find(id);
  if (it == articles_.end()) return nullptr;
  const Position& p = it->second;
  return &tree_.domaines(p.domaine).sous_domaines(p.sous_domaine).articles(p.article);
}

}  // namespace ror::search::domain
