#include "services/search/app/visibility.h"

#include "absl/strings/str_cat.h"
#include "services/search/app/index_schema.h"

namespace ror::search::app {
namespace {

// Bumped whenever documents change shape (terms, values, data, stored documents).
constexpr char kSchemaVersion[] = "11";

authz::Datum WholeOffre(authz::Champ champ, bool unite_sensible) {
  return authz::Datum{.champ = champ,
                      .unite_sensible = unite_sensible,
                      .field = authz::FieldClass::kOffre,
                      .confidentialite = authz::Confidentialite::kTresRestreint};
}

std::vector<authz::Viewer> AllViewers() {
  std::vector<authz::Viewer> viewers;
  for (int profile = authz::kMinProfile; profile <= authz::kMaxProfile; ++profile) {
    for (bool sees : {false, true}) {
      viewers.push_back(authz::Viewer{.profile = profile, .sees_unites_sensibles = sees});
    }
  }
  return viewers;
}

}  // namespace

std::string HiddenTerm(const authz::Viewer& viewer, Closed closed) {
  // The policy treats a profile outside 0–5 as 0.
  const bool known = viewer.profile >= authz::kMinProfile && viewer.profile <= authz::kMaxProfile;
  return absl::StrCat(
      closed == Closed::kIncluded ? schema::kHiddenFromAll : schema::kHiddenFromOpen,
      known ? viewer.profile : 0, viewer.sees_unites_sensibles ? "s" : "n");
}

std::vector<std::string> HiddenTerms(authz::Champ champ, bool unite_sensible,
                                     bool closed_temporarily) {
  std::vector<std::string> terms;
  for (const authz::Viewer& viewer : AllViewers()) {
    const bool may_see = authz::MaySee(viewer, WholeOffre(champ, unite_sensible));
    if (!may_see) terms.push_back(HiddenTerm(viewer, Closed::kIncluded));
    if (!may_see || closed_temporarily) terms.push_back(HiddenTerm(viewer, Closed::kExcluded));
  }
  return terms;
}

const std::string& IndexLayout() {
  static const std::string* const layout = [] {
    auto* out = new std::string(absl::StrCat(kSchemaVersion, "/"));
    for (const authz::Viewer& viewer : AllViewers()) {
      for (authz::Champ champ : authz::kAllChamps) {
        for (bool sensible : {false, true}) {
          *out += authz::MaySee(viewer, WholeOffre(champ, sensible)) ? '1' : '0';
        }
      }
    }
    return out;
  }();
  return *layout;
}

}  // namespace ror::search::app
