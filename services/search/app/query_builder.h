#pragma once

// Search criteria as a Xapian query: the free text (French stemming over folded words, every word
// required) filtered by every criterion (AND across criteria, OR within one list), by result type,
// by closure and by what the caller may see.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ror/v1/search.pb.h"
#include "services/search/app/access_filter.h"
#include "services/search/app/positions.h"
#include "services/search/app/search_index.h"
#include "services/search/app/word_ranking.h"
#include "services/search/domain/geo.h"
#include "xapian.h"

namespace ror::search::app {

struct Circle {
  domain::LatLong centre;
  double radius_km = 0;
};

// The circle of a proximity criterion: a point as given, a commune at the mean position of its
// indexed établissements, an établissement at its own. NOT_FOUND naming the field when the
// commune or the établissement has no known position.
absl::StatusOr<Circle> ResolveProximity(const Xapian::Database& db, const SearchIndex& index,
                                        const v1::Proximity& proximity);

// Keeps the objects a query points to (posting source) alive as long as the query.
class BuiltQuery {
 public:
  Xapian::Query query;  // text filtered by the criteria, ranked by relevance
  // With a proximity: the same matches ranked by distance, nearest first (the posting source's
  // weight decreases with the distance, and it is the only weight), so each distance is computed
  // once per candidate.
  Xapian::Query nearest_first;
  std::optional<Circle> circle;
  std::unique_ptr<Xapian::PostingSource> source;  // the radius, with a proximity
  // The same query when it is words alone, for RankWords (word_ranking.h); every type.
  std::optional<WordQuery> words;
};

// `visible` is the caller's access filter (access_filter.h); `type` the tab. `article`, when
// given, is a guide article's criteria: the request's narrow them (AND), its proximity and
// « inclure fermées » are the request's when it has them.
// `db` is a reader of `index` (whose positions the distance filter reads).
absl::StatusOr<std::unique_ptr<BuiltQuery>> BuildQuery(const Xapian::Database& db,
                                                       const SearchIndex& index,
                                                       const v1::SearchCriteria& criteria,
                                                       v1::ResultType type, const Visible& visible,
                                                       const v1::SearchCriteria* article = nullptr);

// Every document, as a query of its own. Never Xapian::Query::MatchAll: that is one object for the
// whole process and a query's reference count is not atomic, so searches copying it on several
// threads at once corrupted it, and the service crashed under 8 concurrent searches.
Xapian::Query EveryDocument();

// The free text as the index spells it: folded words, French stemming.
Xapian::Query ParseText(const Xapian::Database& db, const std::string& text,
                        absl::string_view prefix = "");

}  // namespace ror::search::app
