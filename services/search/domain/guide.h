#pragma once

// The recherche guidée: a thematic tree (domaines → sous-domaines → articles, e.g. URGENCES →
// URGENCES ADULTES → URGENCES CARDIAQUES) read from a JSON file (services/search/guide/guide.json,
// the protobuf JSON mapping of ror.v1.Guide). Each article is a saved search: criteria, free text
// or both, and a sentence telling the user what it finds. SearchRequest.guide_article names an
// article by its id; the article's criteria are the starting point of the search.
//
// The tree is checked once, when loaded, so that a search never starts from a criterion the index
// cannot answer: an article whose code is not in its national list would silently find nothing.

#include <filesystem>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/search.pb.h"

namespace ror::search::domain {

class Guide {
 public:
  // The tree from its JSON text, checked against `codes`. INVALID_ARGUMENT, in French, listing
  // every problem found with its path (« domaines[0].sous_domaines[1].articles[2].criteria.
  // activites_operationnelles[0]: code "X" inconnu de J17 »), when:
  //   - the text is not JSON of a ror.v1.Guide (an unknown field is refused: a misspelt field
  //     must not silently vanish);
  //   - the guide has no domaine, a domaine no sous-domaine, a sous-domaine no article;
  //   - an id is empty, not made of a-z, 0-9, « _ », « - » and « . », or not unique (domaines
  //     among domaines, sous-domaines within their domaine, articles in the whole guide: an
  //     article id is what requests and saved searches keep);
  //   - a titre is empty;
  //   - an article has neither free text nor a criterion (it would find everything);
  //   - a code is empty, given twice in one field, or unknown to its list (J20, J238, J17, J16,
  //     J19, J29); an age or a proximité is out of range.
  // A list absent from `codes` (the built-in set has no J16 nor J29), or one known to hold only
  // part of the national list (CodeList::complete() false), cannot prove a code unknown: those
  // codes are accepted and said so in warnings().
  static absl::StatusOr<Guide> Parse(absl::string_view json,
                                     const nomenclature::Nomenclatures& codes);

  // Parse of the file's content; NOT_FOUND when the file does not exist, INVALID_ARGUMENT naming
  // the file otherwise.
  static absl::StatusOr<Guide> Load(const std::filesystem::path& file,
                                    const nomenclature::Nomenclatures& codes);

  // What GetGuide returns.
  const v1::Guide& tree() const { return tree_; }

  // The article with this id; nullptr when the guide has none.
  const v1::GuideArticle* FindArticle(absl::string_view id) const;

  // Number of articles in the whole tree.
  size_t article_count() const { return articles_.size(); }

  // The checks that could not be made (French, one line per list), for the start-up log: a guide
  // run against partial lists must say so rather than pass for checked.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  // Where an article sits in tree_: positions rather than pointers, so a copied or moved Guide
  // keeps a valid index.
  struct Position {
    int domaine;
    int sous_domaine;
    int article;
  };

  Guide() = default;

  v1::Guide tree_;
  absl::flat_hash_map<std::string, Position> articles_;
  std::vector<std::string> warnings_;
};

}  // namespace ror::search::domain
