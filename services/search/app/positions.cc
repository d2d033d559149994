#include "services/search/app/positions.h"

#include <cmath>
#include <limits>
#include <mutex>

namespace ror::search::app {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

}  // namespace

void Positions::Load(const Xapian::Database& db, Xapian::valueno slot) {
  std::vector<domain::LatLong> loaded(db.get_lastdocid() + 1, {.latitude = kNone, .longitude = 0});
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    Xapian::LatLongCoords coords;
    coords.unserialise(*it);
    if (coords.empty()) continue;
    const Xapian::LatLongCoord& first = *coords.begin();
    loaded[it.get_docid()] = {.latitude = first.latitude, .longitude = first.longitude};
  }
  std::unique_lock lock(mu_);
  by_id_ = std::move(loaded);
}

void Positions::Set(Xapian::docid id, std::optional<domain::LatLong> position) {
  std::unique_lock lock(mu_);
  if (id >= by_id_.size()) {
    if (!position.has_value()) return;
    by_id_.resize(std::max<size_t>(id + 1, by_id_.size() * 3 / 2),
                  {.latitude = kNone, .longitude = 0});
  }
  by_id_[id] = position.value_or(domain::LatLong{.latitude = kNone, .longitude = 0});
}

std::optional<domain::LatLong> Positions::Get(Xapian::docid id) const {
  std::shared_lock lock(mu_);
  if (id >= by_id_.size() || std::isnan(by_id_[id].latitude)) return std::nullopt;
  return by_id_[id];
}

std::optional<domain::LatLong> PositionIn(const Xapian::Document& doc, Xapian::valueno slot) {
  const std::string value = doc.get_value(slot);
  if (value.empty()) return std::nullopt;
  Xapian::LatLongCoords coords;
  coords.unserialise(value);
  if (coords.empty()) return std::nullopt;
  const Xapian::LatLongCoord& first = *coords.begin();
  return domain::LatLong{.latitude = first.latitude, .longitude = first.longitude};
}

void Positions::Clear() {
  std::unique_lock lock(mu_);
  by_id_.clear();
}

WithinRadius::WithinRadius(const Positions& positions, domain::LatLong centre, double radius_km)
    : positions_(positions), centre_(centre), radius_km_(radius_km) {
  set_maxweight(1.0);
}

void WithinRadius::init(const Xapian::Database& db) {
  doccount_ = db.get_doccount();
  last_ = db.get_lastdocid();
  current_ = 0;
  weight_ = 0;
}

bool WithinRadius::Within(Xapian::docid did) {
  const std::optional<domain::LatLong> position = positions_.Get(did);
  if (!position.has_value()) return false;
  const double km = domain::HaversineKm(centre_, *position);
  if (km > radius_km_) return false;
  weight_ = 1000.0 / (km * 1000.0 + 1000.0);
  return true;
}

void WithinRadius::next(double min_wt) { skip_to(current_ + 1, min_wt); }

void WithinRadius::skip_to(Xapian::docid did, double) {
  // Only reached when nothing narrower drives the match: a scan of the positions.
  for (current_ = std::max(did, current_); current_ <= last_; ++current_) {
    if (Within(current_)) return;
  }
}

bool WithinRadius::check(Xapian::docid did, double) {
  if (Within(did)) {
    current_ = did;
    return true;
  }
  current_ = did;  // not a match: next() looks after it
  return false;
}

Xapian::PostingSource* WithinRadius::clone() const {
  return new WithinRadius(positions_, centre_, radius_km_);
}

}  // namespace ror::search::app
