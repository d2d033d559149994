#pragma once

// Turns read-model rows into Xapian documents laid out as index_schema.h says: the text a keyword
// search matches, the terms every criterion and the access function filter on, the values sorting
// and distance read, and the data a hit shows (StoredDocument).

#include <string>
#include <vector>

#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/search_read_model.pb.h"
#include "xapian.h"

namespace ror::search::app {

// Labels of codes, for the text indexed and the « annuaire + » details.
class Labels {
 public:
  explicit Labels(const nomenclature::Nomenclatures& codes) : codes_(codes) {}
  // The label of `code` in `list`; the code itself when the list or the code is unknown.
  std::string Of(absl::string_view list, absl::string_view code) const;

 private:
  const nomenclature::Nomenclatures& codes_;
};

// A document's terms and values for Xapian (its data, the stored version's key, is the
// indexer's to set), what its hits show, and the words of its text (StoredDocument.words,
// sorted, without repeats), so that the indexer's vocabulary need not parse them back.
struct BuiltDocument {
  Xapian::Document doc;
  v1::search::StoredDocument stored;
  std::vector<std::string> words;
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const Labels& labels);

  // An établissement géographique. Its document also carries the codes of its offres that
  // anyone may see (published, open, not sensitive), so that criteria on offres count
  // établissements too, as the portal's tabs do, without revealing a sensitive offre.
  // `updated_at` is when its fiche last changed (what _lastUpdated asks of an Organization).
  BuiltDocument Etablissement(const v1::EtablissementFiche& fiche,
                              const google::protobuf::Timestamp& updated_at,
                              const std::vector<v1::search::OffreRow>& offres);

  // A published offre, with its EG (nullptr when the EG is not known yet).
  BuiltDocument Offre(const v1::search::OffreRow& offre, const v1::EtablissementFiche* eg);

 private:
  // How a text is indexed (index_schema.h): only the forms some query reads.
  enum class Form {
    kText,               // stemmed, unprefixed: keyword search; its words, the vocabulary
    kName,               // unstemmed, kName: the type-ahead's completions
    kEtablissementName,  // stemmed, kEtablissementName: the « établissement » criterion
  };
  void Start(Xapian::Document& doc);
  void IndexText(absl::string_view text, unsigned weight, Form form);
  void LearnWords(const std::string& folded);
  BuiltDocument Finish(Xapian::Document doc, v1::search::StoredDocument stored);

  const Labels& labels_;
  Xapian::TermGenerator terms_;
  std::vector<std::string> words_;  // of the document being built
};

// The words of a folded text as the index cuts them (Xapian's word characters; longer words,
// which the index skips, left out): what the vocabulary holds and « vouliez-vous dire » corrects.
std::vector<std::string> SplitWords(absl::string_view folded);

// The words of a stored document's text (StoredDocument.words): what the vocabulary forgets
// when the document goes, and learns when the index opens.
std::vector<std::string> WordsOf(const v1::search::StoredDocument& stored);

}  // namespace ror::search::app
