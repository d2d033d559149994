#pragma once

// The queries of « La recherche » over the index: keyword and advanced search with totals per
// tab, « vouliez-vous dire », « élargir la recherche », the type-ahead and the CSV export. Every
// query is filtered by what the caller may see (access_filter.h) before anything is counted.

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/authz/principal.h"
#include "libs/nomenclature/nomenclatures.h"
#include "ror/v1/search.pb.h"
#include "services/search/app/search_index.h"
#include "services/search/app/split_ranking.h"
#include "services/search/domain/guide.h"

namespace ror::search::app {

// Up to this many matches are counted exactly; beyond, the totals are Xapian's estimates (the
// tabs say « environ »): counting every match of a common word would cost more than the page.
inline constexpr Xapian::doccount kExactCountUpTo = 200;
inline constexpr int kMaxSuggestions = 10;
inline constexpr Xapian::doccount kMaxExportRows = 100000;

class SearchEngine {
 public:
  // `guide` may be null (no recherche guidée). Words alone are ranked on both cores when their
  // rarest is in at least `split_from_postings` documents (split_ranking.h).
  SearchEngine(SearchIndex& index, const nomenclature::Nomenclatures& codes,
               const domain::Guide* guide,
               Xapian::doccount split_from_postings = kSplitFromPostings);

  absl::StatusOr<v1::SearchResponse> Search(const authz::Principal& principal,
                                            const v1::SearchRequest& request);
  absl::StatusOr<v1::SuggestResponse> Suggest(const authz::Principal& principal,
                                              const v1::SuggestRequest& request);
  // Writes the CSV in pieces to `write` (false: the reader went away, stop).
  absl::Status Export(const authz::Principal& principal, const v1::ExportSearchRequest& request,
                      const std::function<bool(const std::string& csv)>& write);

  // How many établissements and offres the caller may see in the index (GetIndexStatus).
  absl::Status CountVisible(const authz::Principal& principal, v1::IndexStatus& status);

  const domain::Guide* guide() const { return guide_; }
  const SplitRanking& ranking() const { return ranking_; }

 private:
  // Checks the request's criteria and finds its guide article's (null without one).
  absl::StatusOr<const v1::SearchCriteria*> Article(const v1::SearchCriteria& criteria,
                                                    const std::string& guide_article) const;

  SearchIndex& index_;
  const nomenclature::Nomenclatures& codes_;
  const domain::Guide* guide_;
  SplitRanking ranking_;
};

}  // namespace ror::search::app
