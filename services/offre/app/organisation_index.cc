#include "services/offre/app/organisation_index.h"

#include "libs/common/status_macros.h"
#include "services/offre/app/organisation_codec.h"

namespace ror::offre::app {
namespace {

constexpr size_t kReplayBatch = 1024;

}  // namespace

absl::Status OrganisationIndex::Rebuild(eventstore::EventStore& store) {
  std::map<std::string, domain::OrganisationState, std::less<>> states;
  for (uint64_t position = 1;;) {
    ASSIGN_OR_RETURN(std::vector<v1::EventEnvelope> batch, store.ReadAll(position, kReplayBatch));
    if (batch.empty()) break;
    for (const v1::EventEnvelope& envelope : batch) {
      std::optional<std::string> id = OrganisationIdOf(envelope.stream_id());
      if (!id.has_value()) continue;
      ASSIGN_OR_RETURN(domain::OrganisationEvent event, DecodeOrganisationEvent(envelope));
      domain::OrganisationState& state = states[*id];
      state = domain::Evolve(std::move(state), event);
    }
    position = batch.back().global_position() + 1;
  }
  std::lock_guard lock(mu_);
  by_id_.clear();
  ids_by_eg_.clear();
  children_by_parent_.clear();
  for (const auto& [id, state] : states) PutLocked(state);
  return absl::OkStatus();
}

void OrganisationIndex::Put(const domain::OrganisationState& state) {
  std::lock_guard lock(mu_);
  PutLocked(state);
}

void OrganisationIndex::PutLocked(const domain::OrganisationState& state) {
  if (!state.exists()) return;
  auto [it, inserted] = by_id_.try_emplace(state.organisation_id, state);
  if (!inserted) {
    if (it->second.version >= state.version) return;
    it->second = state;
    return;
  }
  ids_by_eg_[state.finess_eg].insert(state.organisation_id);
  if (!state.parent_id.empty()) children_by_parent_[state.parent_id].insert(state.organisation_id);
}

std::optional<domain::OrganisationState> OrganisationIndex::Find(
    absl::string_view organisation_id) const {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(organisation_id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<domain::OrganisationState> OrganisationIndex::OfEtablissement(
    absl::string_view finess_eg) const {
  std::lock_guard lock(mu_);
  std::vector<domain::OrganisationState> out;
  auto ids = ids_by_eg_.find(finess_eg);
  if (ids == ids_by_eg_.end()) return out;
  for (const std::string& id : ids->second) out.push_back(by_id_.at(id));
  return out;
}

std::vector<domain::OrganisationState> OrganisationIndex::OpenChildrenOf(
    absl::string_view organisation_id) const {
  std::lock_guard lock(mu_);
  std::vector<domain::OrganisationState> out;
  auto ids = children_by_parent_.find(organisation_id);
  if (ids == children_by_parent_.end()) return out;
  for (const std::string& id : ids->second) {
    const domain::OrganisationState& child = by_id_.at(id);
    if (!child.closed) out.push_back(child);
  }
  return out;
}

}  // namespace ror::offre::app
