#pragma once

// The positions of the indexed documents by Xapian document id, kept in memory beside the index
// (16 bytes a document): the distance filter reads them instead of decoding each candidate's
// value slot, several times faster. The indexer keeps them in step with what it writes; a reader
// of an older commit may see the position a document has in a newer one, never a wrong document's.

#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "services/search/domain/geo.h"
#include "xapian.h"

namespace ror::search::app {

class Positions {
 public:
  // Every position of `db`'s value slot `slot`.
  void Load(const Xapian::Database& db, Xapian::valueno slot);
  void Set(Xapian::docid id, std::optional<domain::LatLong> position);
  std::optional<domain::LatLong> Get(Xapian::docid id) const;
  void Clear();

 private:
  mutable std::shared_mutex mu_;
  std::vector<domain::LatLong> by_id_;  // NaN latitude: none
};

// The position a document holds in value slot `slot` (Xapian::LatLongCoords), if any.
std::optional<domain::LatLong> PositionIn(const Xapian::Document& doc, Xapian::valueno slot);

// Matches the documents within `radius_km` of `centre`, weighted higher the nearer they are
// (as Xapian::LatLongDistancePostingSource: 1000 / (metres + 1000)). Meant to be ANDed with
// narrower terms (the grid cells): it answers check() from memory and never drives the match.
class WithinRadius final : public Xapian::PostingSource {
 public:
  WithinRadius(const Positions& positions, domain::LatLong centre, double radius_km);

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  void init(const Xapian::Database& db) override;
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override { return weight_; }
  PostingSource* clone() const override;
  std::string get_description() const override { return "WithinRadius"; }

 private:
  // Whether `did` has a position within the radius (and its weight, then, in weight_).
  bool Within(Xapian::docid did);

  const Positions& positions_;
  const domain::LatLong centre_;
  const double radius_km_;
  Xapian::doccount doccount_ = 0;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;
  double weight_ = 0;
};

}  // namespace ror::search::app
