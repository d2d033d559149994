#pragma once

// The keyword search's common case ranked straight from the posting lists: words alone, each
// required, no other criterion, by relevance, less what the caller may not see. Xapian 1.4's
// matcher walks its tree of posting lists through several virtual calls per match, about 95 ns a
// match on the benchmark's index; this loop reads the same lists with their iterators, about
// 17 ns a match (bench/README.md §10). It weighs with RelevanceWeight's BM25 computed as Xapian
// computes it, and orders equal weights by docid as Xapian does, so the page is Xapian's
// (search_engine_test compares them). Every match is visited, so the count is exact.
//
// Any other query (criteria, a proximity, another order, an operator the parser made that is not
// a conjunction) goes to Xapian's matcher.

#include <optional>
#include <string>
#include <vector>

#include "ror/v1/search.pb.h"
#include "xapian.h"

namespace ror::search::app {

struct RankedHit {
  Xapian::docid docid = 0;
  double weight = 0;
};

// A page of hits, best first, and how many documents match.
struct RankedPage {
  std::vector<RankedHit> hits;
  Xapian::doccount lower = 0;  // at least this many matches
  Xapian::doccount upper = 0;  // at most
  Xapian::doccount estimated = 0;
};

// The page `mset` holds.
RankedPage PageOf(const Xapian::MSet& mset);

// A conjunction of terms, each required once, less the documents of a boolean query of terms.
struct WordQuery {
  // Rarest first, as Xapian adds their weights, with the documents each is in: both read once, at
  // the revision the query is made for.
  std::vector<std::string> terms;
  std::vector<Xapian::doccount> termfreqs;
  Xapian::Query hidden;  // empty: nothing left out
};

// `text` (as ParseText gives it) less `hidden` (the caller's, access_filter.h), when `text` is a
// conjunction of distinct terms (a phrase's words each required, `db` having no positions, as
// Xapian then matches it), whose sums Xapian adds in the same order (no two of three or more
// words in as many documents), and `hidden` a boolean query of terms; nullopt otherwise.
std::optional<WordQuery> WordQueryOf(const Xapian::Database& db, const Xapian::Query& text,
                                     const Xapian::Query& hidden);

// The page [first, first + size) of `query`'s matches of `type` (UNSPECIFIED: every type), by
// relevance then docid, over every match, all counted.
RankedPage RankWords(const Xapian::Database& db, const WordQuery& query, v1::ResultType type,
                     Xapian::doccount first, Xapian::doccount size);

// The same over docids [from, to] only: their best `wanted` hits, best first, and their count.
RankedPage RankWordsIn(const Xapian::Database& db, const WordQuery& query, v1::ResultType type,
                       Xapian::docid from, Xapian::docid to, Xapian::doccount wanted);

// Hits [first, first + size) of two pages over disjoint docids, in their order, and their counts
// added.
RankedPage Merged(const RankedPage& a, const RankedPage& b, Xapian::doccount first,
                  Xapian::doccount size);

// BM25 without document-length normalisation (b = 0): the texts are names and short
// descriptions, whose length says little, and leaving it out halves the ranking's cost (no length
// to read per match). RankWords computes the same.
Xapian::BM25Weight RelevanceWeight();

}  // namespace ror::search::app
