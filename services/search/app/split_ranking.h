#pragma once

// Words alone ranked on both cores: RankWordsIn over the lower half of the docids on the caller's
// thread, over the upper half on a helper thread with a reader of its own at the same revision.
// A search otherwise runs on one core while the other idles, as it does when a regulator searches
// at night. Both halves weigh a document from the whole database's statistics, so merging them by
// weight then docid gives the single pass's page and counts.
//
// One helper serves one search at a time: a search that finds it busy, or that it could not help
// (its reader had moved on to a later revision, or to a database rebuilt since), is ranked on the
// caller's thread alone. A helper that has not started when the caller has ranked its half is not
// waited for: the caller ranks the other half too, so a search waits at most for a half the
// helper has begun.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ror/v1/search.pb.h"
#include "services/search/app/search_index.h"
#include "services/search/app/word_ranking.h"
#include "xapian.h"

namespace ror::search::app {

// Below this many documents for the rarest word, a search costs less than handing half of it
// over to another thread.
inline constexpr Xapian::doccount kSplitFromPostings = 2000;

class SplitRanking {
 public:
  // `wait_for_helper`: the caller always waits for the helper, never ranks its half (for the
  // tests, which then know the helper ranked it).
  SplitRanking(SearchIndex& index, Xapian::doccount split_from_postings,
               bool wait_for_helper = false);
  ~SplitRanking();
  SplitRanking(const SplitRanking&) = delete;
  SplitRanking& operator=(const SplitRanking&) = delete;

  // RankWords(db, query, type, first, size), on both cores when the rarest word is in at least
  // `split_from_postings` documents. Throws Xapian's errors, as RankWords does.
  RankedPage Rank(const Xapian::Database& db, const WordQuery& query, v1::ResultType type,
                  Xapian::doccount first, Xapian::doccount size);

  // How many searches were ranked in two halves, and how many were not though large enough
  // (helper busy, or behind): for the tests and the benchmark.
  uint64_t split() const;
  uint64_t alone() const;

 private:
  enum class State { kIdle, kPending, kRunning, kDone };
  struct Job {
    std::vector<std::string> terms;
    std::vector<Xapian::doccount> termfreqs;
    std::string hidden;  // serialised: a query's reference count is not for two threads
    v1::ResultType type = v1::RESULT_TYPE_UNSPECIFIED;
    std::string uuid;  // the database's: a rebuilt one numbers its revisions again
    Xapian::rev revision = 0;
    Xapian::docid from = 0, to = 0;
    Xapian::doccount wanted = 0;
    bool ranked = false;  // false: the helper could not rank it
    RankedPage page;
  };

  void Serve();
  // The upper half's page: the helper's, or none when the caller is to rank it itself (the helper
  // had not started, or could not). Leaves the job idle.
  bool Collect(RankedPage& upper);

  SearchIndex& index_;
  const Xapian::doccount split_from_postings_;
  const bool wait_for_helper_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  State state_ = State::kIdle;  // guarded by mu_
  bool stopping_ = false;       // guarded by mu_
  Job job_;                     // guarded by mu_, but the helper's alone while kRunning
  uint64_t split_ = 0;          // guarded by mu_
  uint64_t alone_ = 0;          // guarded by mu_
  std::thread helper_;
};

}  // namespace ror::search::app
