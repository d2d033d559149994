#include "services/offre/app/offre_index.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"
#include "services/offre/app/offre_codec.h"

namespace ror::offre::app {
namespace {

constexpr size_t kReplayBatch = 1024;

OffreSummary SummaryOf(const domain::OffreState& state) {
  return OffreSummary{.offre_id = state.offre_id,
                      .finess_eg = state.finess_eg,
                      .organisation_id = state.organisation_id,
                      .nom = state.shown().nom(),
                      .type_offre = state.shown().type_offre(),
                      .published = state.published.has_value(),
                      .closed = state.closure.has_value(),
                      .closed_definitively = state.closure.has_value() && state.closure->definitive,
                      .draft_pending = state.draft.has_value(),
                      .draft_nom = state.draft.has_value() ? state.draft->nom() : "",
                      .draft_saved_at = state.draft_saved_at,
                      .updated_at = state.updated_at,
                      .version = state.version,
                      .champ_activite = state.shown().champ_activite(),
                      .unite_sensible =
                          (state.published.has_value() && state.published->unite_sensible()) ||
                          (state.draft.has_value() && state.draft->unite_sensible())};
}

}  // namespace

absl::Status OffreIndex::Rebuild(eventstore::EventStore& store) {
  const std::string prefix = absl::StrCat(kCategory, "-");
  std::map<std::string, domain::OffreState, std::less<>> states;
  for (uint64_t position = 1;;) {
    ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> batch, store.ReadAll(position, kReplayBatch));
    if (batch.empty()) break;
    for (const v1::EventEnvelope& envelope : batch) {
      if (!absl::StartsWith(envelope.stream_id(), prefix)) continue;
      ASSIGN_OR_RETURN(domain::Event event, Decode(envelope));
      domain::OffreState& state = states[envelope.stream_id()];
      state = domain::Evolve(std::move(state), event);
    }
    position = batch.back().global_position() + 1;
  }
  std::lock_guard lock(mu_);
  by_id_.clear();
  ids_by_eg_.clear();
  ids_by_organisation_.clear();
  for (const auto& [stream, state] : states) PutLocked(state);
  return absl::OkStatus();
}

void OffreIndex::Put(const domain::OffreState& state) {
  std::lock_guard lock(mu_);
  PutLocked(state);
}

void OffreIndex::PutLocked(const domain::OffreState& state) {
  if (!state.exists()) return;
  OffreSummary summary = SummaryOf(state);
  auto it = by_id_.find(state.offre_id);
  if (it != by_id_.end()) {
    if (it->second.version >= summary.version) return;
    ids_by_eg_[it->second.finess_eg].erase(state.offre_id);
    ids_by_organisation_[it->second.organisation_id].erase(state.offre_id);
    it->second = std::move(summary);
  } else {
    it = by_id_.emplace(state.offre_id, std::move(summary)).first;
  }
  ids_by_eg_[it->second.finess_eg].insert(state.offre_id);
  ids_by_organisation_[it->second.organisation_id].insert(state.offre_id);
}

absl::StatusOr<std::vector<std::string>> OffreIndex::OpenOffresOf(
    absl::string_view organisation_id) {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  if (organisation_id.empty()) return out;
  auto ids = ids_by_organisation_.find(organisation_id);
  if (ids == ids_by_organisation_.end()) return out;
  for (const std::string& id : ids->second) {
    const OffreSummary& offre = by_id_.at(id);
    if (!offre.closed) out.push_back(absl::StrCat("« ", offre.nom, " » (", id, ")"));
  }
  return out;
}

std::vector<OffreSummary> OffreIndex::OfEtablissement(absl::string_view finess_eg) const {
  std::lock_guard lock(mu_);
  std::vector<OffreSummary> out;
  auto ids = ids_by_eg_.find(finess_eg);
  if (ids == ids_by_eg_.end()) return out;
  for (const std::string& id : ids->second) out.push_back(by_id_.at(id));
  return out;
}

std::vector<OffreSummary> OffreIndex::PendingDrafts(
    const std::vector<std::string>& finess_egs) const {
  std::lock_guard lock(mu_);
  std::vector<OffreSummary> out;
  for (const std::string& finess_eg : std::set<std::string>(finess_egs.begin(), finess_egs.end())) {
    auto ids = ids_by_eg_.find(finess_eg);
    if (ids == ids_by_eg_.end()) continue;
    for (const std::string& id : ids->second) {
      const OffreSummary& offre = by_id_.at(id);
      if (offre.draft_pending && !offre.closed_definitively) out.push_back(offre);
    }
  }
  std::sort(out.begin(), out.end(), [](const OffreSummary& a, const OffreSummary& b) {
    return std::tie(a.draft_saved_at, a.offre_id) < std::tie(b.draft_saved_at, b.offre_id);
  });
  return out;
}

std::vector<OffreSummary> OffreIndex::ClosedDefinitively(absl::string_view finess_eg) const {
  std::vector<OffreSummary> out = OfEtablissement(finess_eg);
  std::erase_if(out, [](const OffreSummary& offre) { return !offre.closed_definitively; });
  std::sort(out.begin(), out.end(), [](const OffreSummary& a, const OffreSummary& b) {
    return std::tie(a.nom, a.offre_id) < std::tie(b.nom, b.offre_id);
  });
  return out;
}

}  // namespace ror::offre::app
