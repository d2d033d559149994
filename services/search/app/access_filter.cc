#include "services/search/app/access_filter.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/authz/access_policy.h"
#include "services/search/app/index_schema.h"
#include "services/search/app/visibility.h"

namespace ror::search::app {
namespace {

Xapian::Query Any(const std::vector<Xapian::Query>& queries) {
  if (queries.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

// The documents `viewer` may see: decided at indexing (visibility.h).
Xapian::Query AllowedFor(const authz::Viewer& viewer, bool with_closed) {
  const Xapian::Query open(VisibilityTerm(viewer, Closure::kOpen));
  if (!with_closed) return open;
  return Xapian::Query(Xapian::Query::OP_OR, open,
                       Xapian::Query(VisibilityTerm(viewer, Closure::kClosedTemporarily)));
}

Xapian::Query CoveredBy(const authz::CoveredScopes& scopes) {
  if (scopes.everywhere) return Xapian::Query::MatchAll;
  std::vector<Xapian::Query> terms;
  for (const std::string& region : scopes.regions) {
    terms.emplace_back(schema::Term(schema::kRegion, region));
  }
  for (const std::string& eg : scopes.finess_eg) {
    terms.emplace_back(schema::Term(schema::kFinessEg, eg));
  }
  for (const std::string& ej : scopes.finess_ej) {
    terms.emplace_back(schema::Term(schema::kFinessEj, ej));
  }
  return Any(terms);
}

}  // namespace

namespace {

Xapian::Query VisibleTo(const authz::Principal& principal, const authz::ViewerReach& reach,
                        bool with_closed) {
  const Xapian::Query elsewhere = AllowedFor(reach.elsewhere, with_closed);
  if (principal.kind != authz::PrincipalKind::kUser) return elsewhere;
  const Xapian::Query covered = CoveredBy(reach.scopes);
  if (covered.empty()) return elsewhere;  // MatchNothing is the empty query
  const Xapian::Query inside(Xapian::Query::OP_AND, covered,
                             AllowedFor(reach.covered, with_closed));
  if (reach.scopes.everywhere) return AllowedFor(reach.covered, with_closed);
  return Xapian::Query(Xapian::Query::OP_OR, inside,
                       Xapian::Query(Xapian::Query::OP_AND_NOT, elsewhere, covered));
}

}  // namespace

Visible VisibleTo(const authz::Principal& principal) {
  const authz::ViewerReach reach = authz::ReachOf(principal);
  return Visible{.open = VisibleTo(principal, reach, false),
                 .open_or_closed = VisibleTo(principal, reach, true)};
}

authz::Viewer ViewerOf(const authz::Principal& principal,
                       const v1::search::StoredDocument& stored) {
  return authz::ViewerFor(principal, authz::EtablissementScope{
                                         .finess_eg = stored.etablissement().finess_eg(),
                                         .finess_ej = stored.etablissement().finess_ej(),
                                         .region = stored.region(),
                                     });
}

void AddVisibleTelephones(const authz::Viewer& viewer, const v1::search::StoredDocument& stored,
                          v1::SearchHit& hit) {
  const authz::Champ champ = authz::ChampOf(stored.champ_activite());
  for (const v1::search::StoredTelephone& phone : stored.telephones()) {
    const bool may_see_number = authz::MaySee(
        viewer, {.champ = champ, .unite_sensible = stored.unite_sensible(),
                 .field = authz::FieldClass::kTelecom,
                 .confidentialite = authz::ConfidentialiteOf(phone.confidentialite())});
    // The libellé is the contact's fonction: contact data, graded by the contact's own level
    // (none set is « très restreint »).
    const bool may_see_contact = authz::MaySee(
        viewer, {.champ = champ, .unite_sensible = stored.unite_sensible(),
                 .field = authz::FieldClass::kContact,
                 .confidentialite = authz::ConfidentialiteOf(phone.contact_confidentialite())});
    if (!may_see_number || !may_see_contact) continue;
    v1::Telephone& shown = *hit.add_telephones();
    shown.set_libelle(phone.libelle());
    shown.set_numero(phone.numero());
  }
}

}  // namespace ror::search::app
