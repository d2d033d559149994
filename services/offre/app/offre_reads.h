#pragma once

// The offre service's reads for a caller: the handler's queries, then the access function
// (offre_access.h) for the viewer the caller is on each offre's EG. An offre the caller may not
// see does not exist for him: NOT_FOUND on a read of it, absent from lists, trees and counts.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/authz/access_policy.h"
#include "libs/authz/principal.h"
#include "services/offre/app/etablissement_scopes.h"
#include "services/offre/app/offre_handler.h"
#include "services/offre/app/offre_index.h"

namespace ror::offre::app {

class OffreReads {
 public:
  // Not owned. `index` (may be null) is the one the handler keeps; without it, no EG has offres.
  OffreReads(OffreHandler& offres, EtablissementScopes& scopes, const OffreIndex* index = nullptr)
      : offres_(offres), scopes_(scopes), index_(index) {}

  // The viewer `caller` is for the data of `finess_eg`.
  authz::Viewer ViewerOn(const authz::Principal& caller, absl::string_view finess_eg);
  // Where `finess_eg` stands, read from the store only when `caller`'s grants depend on it.
  authz::EtablissementScope ScopeFor(const authz::Principal& caller, absl::string_view finess_eg);

  // OffreHandler::GetOffre, filtered; NOT_FOUND (as for an unknown id) when hidden. The draft
  // only for who may change the offre (authz::MayChange).
  absl::StatusOr<domain::OffreState> GetOffre(absl::string_view offre_id,
                                              const authz::Principal& caller);
  // OffreHandler::QualityReport without the offres the caller may not see.
  absl::StatusOr<std::vector<OffreHandler::QualityFinding>> QualityReport(
      absl::string_view finess_eg, const authz::Principal& caller);
  // The waiting drafts of those of `finess_egs` the caller may change.
  absl::StatusOr<std::vector<OffreSummary>> ActionsEnAttente(
      const std::vector<std::string>& finess_egs, const authz::Principal& caller);
  absl::StatusOr<std::vector<OffreSummary>> OffresFermees(absl::string_view finess_eg,
                                                          const authz::Principal& caller);
  // The offres of one EG ("Mes offres" of the tree), closed ones included, by id.
  std::vector<OffreSummary> OfEtablissement(absl::string_view finess_eg,
                                            const authz::Principal& caller);

 private:
  // `summaries` without those the caller may not see, the viewer computed once per EG.
  std::vector<OffreSummary> Visible(std::vector<OffreSummary> summaries,
                                    const authz::Principal& caller);

  OffreHandler& offres_;
  EtablissementScopes& scopes_;
  const OffreIndex* const index_;
};

}  // namespace ror::offre::app
