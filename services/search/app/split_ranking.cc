#include "services/search/app/split_ranking.h"

#include <exception>
#include <utility>

#include "absl/status/status.h"

namespace ror::search::app {

SplitRanking::SplitRanking(SearchIndex& index, Xapian::doccount split_from_postings,
                           bool wait_for_helper)
    : index_(index),
      split_from_postings_(split_from_postings),
      wait_for_helper_(wait_for_helper),
      helper_([this] { Serve(); }) {}

SplitRanking::~SplitRanking() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  helper_.join();
}

RankedPage SplitRanking::Rank(const Xapian::Database& db, const WordQuery& query,
                              v1::ResultType type, Xapian::doccount first, Xapian::doccount size) {
  const Xapian::docid last = db.get_lastdocid();
  const Xapian::docid middle = last / 2;
  if (query.terms.empty() || query.termfreqs.front() < split_from_postings_ || middle == 0) {
    return RankWords(db, query, type, first, size);
  }
  {
    std::lock_guard lock(mu_);
    if (state_ != State::kIdle) {
      ++alone_;
      return RankWords(db, query, type, first, size);
    }
    job_.terms = query.terms;
    job_.termfreqs = query.termfreqs;
    job_.hidden = query.hidden.serialise();
    job_.type = type;
    job_.uuid = db.get_uuid();
    job_.revision = db.get_revision();
    job_.from = middle + 1;
    job_.to = last;
    job_.wanted = first + size;
    state_ = State::kPending;
  }
  changed_.notify_all();

  RankedPage lower;
  RankedPage upper;
  try {
    lower = RankWordsIn(db, query, type, 1, middle, first + size);
  } catch (...) {
    Collect(upper);  // the job settled before the error goes up
    throw;
  }
  if (!Collect(upper)) upper = RankWordsIn(db, query, type, middle + 1, last, first + size);
  return Merged(lower, upper, first, size);
}

bool SplitRanking::Collect(RankedPage& upper) {
  std::unique_lock lock(mu_);
  if (state_ == State::kPending && !wait_for_helper_) {  // not started: quicker done here
    state_ = State::kIdle;
    ++alone_;
    return false;
  }
  changed_.wait(lock, [&] { return state_ == State::kDone; });
  state_ = State::kIdle;
  if (!job_.ranked) {
    ++alone_;
    return false;
  }
  upper = std::move(job_.page);
  ++split_;
  return true;
}

void SplitRanking::Serve() {
  std::unique_lock lock(mu_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || state_ == State::kPending; });
    if (stopping_) return;
    state_ = State::kRunning;
    lock.unlock();
    absl::Status status;
    try {
      status = index_.Read([&](const Xapian::Database& db) -> absl::Status {
        // Another database or revision numbers and weighs the documents otherwise: its half
        // would not merge.
        if (db.get_uuid() != job_.uuid || db.get_revision() != job_.revision) {
          return absl::AbortedError("another database or revision");
        }
        const WordQuery query{.terms = job_.terms,
                              .termfreqs = job_.termfreqs,
                              .hidden = Xapian::Query::unserialise(job_.hidden)};
        job_.page = RankWordsIn(db, query, job_.type, job_.from, job_.to, job_.wanted);
        return absl::OkStatus();
      });
    } catch (const std::exception& error) {  // memory, say: the caller ranks the half instead
      status = absl::InternalError(error.what());
    }
    lock.lock();
    job_.ranked = status.ok();
    state_ = State::kDone;
    changed_.notify_all();
  }
}

uint64_t SplitRanking::split() const {
  std::lock_guard lock(mu_);
  return split_;
}

uint64_t SplitRanking::alone() const {
  std::lock_guard lock(mu_);
  return alone_;
}

}  // namespace ror::search::app
