#pragma once

// The synthetic directory of the search benchmark: établissements géographiques with French names,
// addresses and positions around real communes of metropolitan France, and offres with clinical
// names and real codes of the national lists (J17, J19, J20, J238). Every item is a pure function
// of (seed, index), so two runs, and the Xapian and FTS5 sides of one run, see the same corpus.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ror/v1/envelope.pb.h"
#include "ror/v1/etablissement_fiche.pb.h"
#include "ror/v1/offre_content.pb.h"

namespace ror::bench::search {

struct CorpusOffre {
  std::string offre_id;
  std::string finess_eg;
  int etablissement = 0;  // index of its EG
  v1::OffreContent content;
};

class Corpus {
 public:
  Corpus(int etablissements, int offres, uint64_t seed = 20261201);

  int etablissements() const { return etablissements_; }
  int offres() const { return offres_; }
  // Events in bus order: every EG first, then each offre's OffreCreated and DraftValidated.
  int64_t events() const { return etablissements_ + 2LL * offres_; }

  v1::EtablissementFiche Etablissement(int i) const;
  CorpusOffre Offre(int j) const;
  // An offre outside the corpus (j >= offres()), named "<nom> <token>" with a unique token.
  CorpusOffre ExtraOffre(int64_t j, const std::string& token) const;

  // The envelope of event `n` (0 ≤ n < events()), as the event store would publish it.
  v1::EventEnvelope Event(int64_t n) const;
  v1::EventEnvelope EtablissementEvent(int i) const;
  // OffreCreated (with the content as draft) and DraftValidated (the content published).
  std::pair<v1::EventEnvelope, v1::EventEnvelope> OffreEvents(const CorpusOffre& offre) const;

  // Query material.
  std::vector<std::string> KeywordQueries(int count) const;
  std::vector<std::string> Prefixes(int count) const;
  // Positions of EGs (latitude, longitude), for the distance queries.
  std::vector<std::pair<double, double>> Centres(int count) const;

 private:
  const int etablissements_;
  const int offres_;
  const uint64_t seed_;
};

// "hôpital" → "hopital": the accents a user leaves out (Latin-1 range only).
std::string StripAccents(const std::string& text);

}  // namespace ror::bench::search
