#include "services/search/app/visibility.h"

#include "absl/strings/str_cat.h"
#include "services/search/app/index_schema.h"

namespace ror::search::app {
namespace {

// Bumped whenever documents change shape (terms, values, data).
constexpr char kSchemaVersion[] = "5";

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

std::string VisibilityTerm(const authz::Viewer& viewer, Closure closure) {
  // The policy treats a profile outside 0–5 as 0.
  const bool known = viewer.profile >= authz::kMinProfile && viewer.profile <= authz::kMaxProfile;
  return absl::StrCat(closure == Closure::kOpen ? schema::kVisibleOpen : schema::kVisibleClosed,
                      known ? viewer.profile : 0, viewer.sees_unites_sensibles ? "s" : "n");
}

std::vector<std::string> VisibilityTerms(authz::Champ champ, bool unite_sensible,
                                         Closure closure) {
  std::vector<std::string> terms;
  for (const authz::Viewer& viewer : AllViewers()) {
    if (authz::MaySee(viewer, WholeOffre(champ, unite_sensible))) {
      terms.push_back(VisibilityTerm(viewer, closure));
    }
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
