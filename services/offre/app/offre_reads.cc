#include "services/offre/app/offre_reads.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/authz/access_viewer.h"
#include "libs/authz/habilitation.h"
#include "libs/common/status_macros.h"
#include "services/offre/app/offre_access.h"

namespace ror::offre::app {

authz::EtablissementScope OffreReads::ScopeFor(const authz::Principal& caller,
                                               absl::string_view finess_eg) {
  // Only a user's grants depend on where the EG stands: no store read for anyone else.
  if (caller.kind != authz::PrincipalKind::kUser) return ScopeOfNumber(finess_eg);
  return scopes_.Of(finess_eg);
}

authz::Viewer OffreReads::ViewerOn(const authz::Principal& caller, absl::string_view finess_eg) {
  return authz::ViewerFor(caller, ScopeFor(caller, finess_eg));
}

absl::StatusOr<domain::OffreState> OffreReads::GetOffre(absl::string_view offre_id,
                                                        const authz::Principal& caller) {
  ASSIGN_OR_RETURN(domain::OffreState state, offres_.GetOffre(offre_id));
  const authz::EtablissementScope scope = ScopeFor(caller, state.finess_eg);
  std::optional<domain::OffreState> visible =
      VisibleOffre(authz::ViewerFor(caller, scope), std::move(state));
  // The same answer as for an id that does not exist: hiding an offre hides that it exists.
  if (!visible.has_value()) {
    return absl::NotFoundError(absl::StrCat("offre ", offre_id, " introuvable"));
  }
  // A draft is work in progress, not yet the directory's data: only who may change it sees it.
  if (visible->draft.has_value() && !authz::MayChange(caller, scope)) {
    visible->draft.reset();
  }
  return *std::move(visible);
}

absl::StatusOr<std::vector<OffreHandler::QualityFinding>> OffreReads::QualityReport(
    absl::string_view finess_eg, const authz::Principal& caller) {
  ASSIGN_OR_RETURN(std::vector<OffreHandler::QualityFinding> findings,
                   offres_.QualityReport(finess_eg));
  const authz::Viewer viewer = ViewerOn(caller, finess_eg);
  std::vector<OffreHandler::QualityFinding> visible;
  for (OffreHandler::QualityFinding& finding : findings) {
    if (MaySeeOffre(viewer, finding.offre)) visible.push_back(std::move(finding));
  }
  return visible;
}

absl::StatusOr<std::vector<OffreSummary>> OffreReads::ActionsEnAttente(
    const std::vector<std::string>& finess_egs, const authz::Principal& caller) {
  // Waiting drafts are actions for who may validate them: the EGs the caller may change.
  std::vector<std::string> his;
  for (const std::string& eg : finess_egs) {
    if (authz::MayChange(caller, ScopeFor(caller, eg))) his.push_back(eg);
  }
  if (his.empty()) return std::vector<OffreSummary>{};
  ASSIGN_OR_RETURN(std::vector<OffreSummary> pending, offres_.ActionsEnAttente(his));
  return Visible(std::move(pending), caller);
}

absl::StatusOr<std::vector<OffreSummary>> OffreReads::OffresFermees(
    absl::string_view finess_eg, const authz::Principal& caller) {
  ASSIGN_OR_RETURN(std::vector<OffreSummary> closed, offres_.OffresFermees(finess_eg));
  return Visible(std::move(closed), caller);
}

std::vector<OffreSummary> OffreReads::OfEtablissement(absl::string_view finess_eg,
                                                      const authz::Principal& caller) {
  if (index_ == nullptr) return {};
  return Visible(index_->OfEtablissement(finess_eg), caller);
}

std::vector<OffreSummary> OffreReads::Visible(std::vector<OffreSummary> summaries,
                                              const authz::Principal& caller) {
  std::map<std::string, authz::Viewer> viewers;  // by EG: one scope look-up each
  std::vector<OffreSummary> visible;
  for (OffreSummary& summary : summaries) {
    auto it = viewers.find(summary.finess_eg);
    if (it == viewers.end()) {
      it = viewers.emplace(summary.finess_eg, ViewerOn(caller, summary.finess_eg)).first;
    }
    if (MaySeeOffre(it->second, summary)) visible.push_back(std::move(summary));
  }
  return visible;
}

}  // namespace ror::offre::app
