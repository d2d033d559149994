#include "services/search/app/word_ranking.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <queue>
#include <utility>

#include "services/search/app/index_schema.h"

namespace ror::search::app {
namespace {

// RelevanceWeight's parameters.
constexpr double kK1 = 1.2;
constexpr double kK2 = 0;
constexpr double kK3 = 1;
constexpr double kB = 0;
constexpr double kMinNormlen = 0.5;

// Whether `query` is a boolean query of terms: terms under AND, OR, AND_NOT and FILTER.
bool IsBooleanOfTerms(const Xapian::Query& query) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return true;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_FILTER:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!IsBooleanOfTerms(query.get_subquery(i))) return false;
      }
      return true;
    default:
      return false;
  }
}

// Adds the terms of `query` to `terms` when it is a conjunction of terms.
bool AddConjunction(const Xapian::Database& db, const Xapian::Query& query,
                    std::vector<std::string>& terms) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      if (term.empty()) return false;  // every document
      terms.push_back(term);
      return true;
    }
    case Xapian::Query::OP_PHRASE:
      // Without positions Xapian matches a phrase as the conjunction of its words.
      if (db.has_positions()) return false;
      [[fallthrough]];
    case Xapian::Query::OP_AND:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
        if (!AddConjunction(db, query.get_subquery(i), terms)) return false;
      }
      return true;
    default:
      return false;
  }
}

// Whether documents, asked in increasing docid order, belong to a boolean query of terms.
class Membership {
 public:
  Membership(const Xapian::Database& db, const Xapian::Query& query) { Add(db, query); }

  // `did` is never below the previous one asked.
  bool Contains(Xapian::docid did) { return Eval(0, did); }

 private:
  struct Node {
    Xapian::Query::op op = Xapian::Query::LEAF_MATCH_NOTHING;
    std::vector<size_t> children;
    Xapian::PostingIterator it, end;
    Xapian::docid at = 0;  // where `it` stands (kPastEnd at its end): most asks need no move
  };
  static constexpr Xapian::docid kPastEnd = ~Xapian::docid{0};

  size_t Add(const Xapian::Database& db, const Xapian::Query& query) {
    const size_t at = nodes_.size();
    nodes_.push_back(Node{.op = query.get_type(), .children = {}, .it = {}, .end = {}});
    if (query.get_type() == Xapian::Query::LEAF_TERM) {
      const std::string term = *query.get_terms_begin();
      nodes_[at].it = db.postlist_begin(term);
      nodes_[at].end = db.postlist_end(term);
      nodes_[at].at = nodes_[at].it == nodes_[at].end ? kPastEnd : *nodes_[at].it;
    }
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
      const size_t child = Add(db, query.get_subquery(i));
      nodes_[at].children.push_back(child);
    }
    return at;
  }

  bool Eval(size_t at, Xapian::docid did) {
    Node& node = nodes_[at];
    switch (node.op) {
      case Xapian::Query::LEAF_TERM:
        if (node.at < did) {
          node.it.skip_to(did);
          node.at = node.it == node.end ? kPastEnd : *node.it;
        }
        return node.at == did;
      case Xapian::Query::LEAF_MATCH_ALL:
        return true;
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_FILTER:
        for (size_t child : node.children) {
          if (!Eval(child, did)) return false;
        }
        return true;
      case Xapian::Query::OP_OR:
        for (size_t child : node.children) {
          if (Eval(child, did)) return true;
        }
        return false;
      case Xapian::Query::OP_AND_NOT:
        if (!Eval(node.children.front(), did)) return false;
        for (size_t i = 1; i < node.children.size(); ++i) {
          if (Eval(node.children[i], did)) return false;
        }
        return true;
      case Xapian::Query::LEAF_MATCH_NOTHING:
        return false;
      default:
        // IsBooleanOfTerms lets no other operator in; were one to come, the document is taken as
        // a member, which for the hidden documents means left out.
        return true;
    }
  }

  std::vector<Node> nodes_;
};

// One required term: its postings, where they stand, and its BM25 weight as Xapian's
// BM25Weight::init sets it.
struct Required {
  Xapian::PostingIterator it, end;
  Xapian::docid at = 0;
  double termweight = 0;
  std::vector<double> by_wdf;  // the weight of a document by its wdf, for the usual small ones
};

double TermWeight(Xapian::doccount documents, Xapian::doccount termfreq) {
  double tw = (documents - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;  // Xapian's floor for terms in most documents
  double termweight = std::log(tw) * 1.0;
  const double wqf = 1;
  termweight *= (kK3 + 1) * wqf / (kK3 + wqf);
  return termweight * (kK1 + 1);
}

// A document's weight for a term of `termweight`, as BM25Weight::get_sumpart computes it (b = 0:
// no length).
double SumPart(double termweight, Xapian::termcount wdf) {
  const double normlen = std::max(0.0, kMinNormlen);
  const double wdf_double = wdf;
  const double denom = kK1 * (normlen * kB + (1 - kB)) + wdf_double;
  return termweight * (wdf_double / denom);
}

constexpr Xapian::termcount kTabulatedWdf = 16;

// A hit ranks before another by weight, then by docid (Xapian's ascending docid order).
bool Before(const RankedHit& a, const RankedHit& b) {
  return a.weight > b.weight || (a.weight == b.weight && a.docid < b.docid);
}

// The best hits kept, best first, over `matches` matches.
template <typename Heap>
RankedPage Finish(Heap& best, Xapian::doccount matches) {
  RankedPage page;
  page.lower = page.upper = page.estimated = matches;
  page.hits.reserve(best.size());
  for (; !best.empty(); best.pop()) page.hits.push_back(best.top());
  std::reverse(page.hits.begin(), page.hits.end());
  return page;
}

}  // namespace

RankedPage PageOf(const Xapian::MSet& mset) {
  RankedPage page{.hits = {},
                  .lower = mset.get_matches_lower_bound(),
                  .upper = mset.get_matches_upper_bound(),
                  .estimated = mset.get_matches_estimated()};
  page.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    page.hits.push_back({.docid = *it, .weight = it.get_weight()});
  }
  return page;
}

Xapian::BM25Weight RelevanceWeight() { return Xapian::BM25Weight(kK1, kK2, kK3, kB, kMinNormlen); }

std::optional<WordQuery> WordQueryOf(const Xapian::Database& db, const Xapian::Query& text,
                                     const Xapian::Query& hidden) {
  std::vector<std::string> terms;
  if (!AddConjunction(db, text, terms) || !IsBooleanOfTerms(hidden)) return std::nullopt;
  std::vector<std::pair<Xapian::doccount, std::string>> by_freq;
  for (std::string& term : terms) {
    const Xapian::doccount termfreq = db.get_termfreq(term);
    by_freq.emplace_back(termfreq, std::move(term));
  }
  std::stable_sort(by_freq.begin(), by_freq.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  WordQuery query{.terms = {}, .termfreqs = {}, .hidden = hidden};
  for (auto& [termfreq, term] : by_freq) {
    query.termfreqs.push_back(termfreq);
    query.terms.push_back(std::move(term));
  }
  std::vector<std::string> sorted = query.terms;
  std::sort(sorted.begin(), sorted.end());
  // A word given twice weighs twice in Xapian: left to it.
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) return std::nullopt;
  // Xapian adds the words' weights rarest first, in an order of its own among words in as many
  // documents; from three words on, another order can round a sum otherwise, and two documents
  // equal in weight would then come in another order: such a query is left to Xapian.
  if (query.terms.size() >= 3 &&
      std::adjacent_find(query.termfreqs.begin(), query.termfreqs.end()) != query.termfreqs.end()) {
    return std::nullopt;
  }
  return query;
}

RankedPage RankWordsIn(const Xapian::Database& db, const WordQuery& query, v1::ResultType type,
                       Xapian::docid from, Xapian::docid to, Xapian::doccount wanted) {
  const Xapian::doccount documents = db.get_doccount();
  std::vector<Required> required;
  for (size_t i = 0; i < query.terms.size(); ++i) {
    const std::string& term = query.terms[i];
    Required r{.it = db.postlist_begin(term),
               .end = db.postlist_end(term),
               .at = 0,
               .termweight = TermWeight(documents, query.termfreqs[i]),
               .by_wdf = {}};
    if (r.it == r.end) return RankedPage();  // a word no document has: nothing matches
    r.at = *r.it;
    for (Xapian::termcount wdf = 0; wdf < kTabulatedWdf; ++wdf) {
      r.by_wdf.push_back(SumPart(r.termweight, wdf));
    }
    required.push_back(std::move(r));
  }
  if (required.empty()) return RankedPage();
  // The rarest list leads, and the weights add up in that order, as in Xapian's conjunction.
  std::optional<Membership> hidden;
  if (!query.hidden.empty()) hidden.emplace(db, query.hidden);
  // A tab's type, read per match; every type needs no read.
  std::optional<Membership> etablissement;
  if (type != v1::RESULT_TYPE_UNSPECIFIED) {
    etablissement.emplace(db, Xapian::Query(schema::kTypeEtablissement));
  }
  Xapian::doccount matches = 0;

  const auto worse_on_top = [](const RankedHit& a, const RankedHit& b) { return Before(a, b); };
  std::priority_queue<RankedHit, std::vector<RankedHit>, decltype(worse_on_top)> best(worse_on_top);
  // Moves `r` to its first docid at or after `did`; false past its end.
  const auto reach = [](Required& r, Xapian::docid did) {
    if (r.at < did) {
      r.it.skip_to(did);
      if (r.it == r.end) return false;
      r.at = *r.it;
    }
    return true;
  };
  Required& lead = required.front();
  if (!reach(lead, from)) return RankedPage();
  Xapian::docid candidate = lead.at;
  while (candidate <= to) {
    // Every list at the candidate, or the candidate moved to the furthest one stands at.
    bool agreed = true;
    for (size_t i = 1; i < required.size(); ++i) {
      if (!reach(required[i], candidate)) return Finish(best, matches);
      if (required[i].at != candidate) {
        if (!reach(lead, required[i].at)) return Finish(best, matches);
        candidate = lead.at;
        agreed = false;
        break;
      }
    }
    if (!agreed) continue;
    const bool ranked = (!hidden.has_value() || !hidden->Contains(candidate)) &&
                        (!etablissement.has_value() || etablissement->Contains(candidate) ==
                                                           (type == v1::RESULT_TYPE_ETABLISSEMENT));
    if (ranked) {
      ++matches;
      double weight = 0;
      for (const Required& r : required) {
        const Xapian::termcount wdf = r.it.get_wdf();
        weight += wdf < kTabulatedWdf ? r.by_wdf[wdf] : SumPart(r.termweight, wdf);
      }
      const RankedHit hit{.docid = candidate, .weight = weight};
      if (best.size() < static_cast<size_t>(wanted)) {
        best.push(hit);
      } else if (wanted > 0 && Before(hit, best.top())) {
        best.pop();
        best.push(hit);
      }
    }
    ++lead.it;
    if (lead.it == lead.end) break;
    candidate = lead.at = *lead.it;
  }
  return Finish(best, matches);
}

RankedPage RankWords(const Xapian::Database& db, const WordQuery& query, v1::ResultType type,
                     Xapian::doccount first, Xapian::doccount size) {
  return Merged(RankWordsIn(db, query, type, 1, db.get_lastdocid(), first + size), RankedPage(),
                first, size);
}

RankedPage Merged(const RankedPage& a, const RankedPage& b, Xapian::doccount first,
                  Xapian::doccount size) {
  RankedPage page{.hits = {},
                  .lower = a.lower + b.lower,
                  .upper = a.upper + b.upper,
                  .estimated = a.estimated + b.estimated};
  std::vector<RankedHit> all;
  all.reserve(a.hits.size() + b.hits.size());
  std::merge(a.hits.begin(), a.hits.end(), b.hits.begin(), b.hits.end(), std::back_inserter(all),
             Before);
  if (first < all.size()) {
    const auto begin = all.begin() + first;
    page.hits.assign(begin, begin + std::min<size_t>(size, all.end() - begin));
  }
  return page;
}

}  // namespace ror::search::app
