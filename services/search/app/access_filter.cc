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

// The documents hidden from `viewer`: decided at indexing (visibility.h).
Xapian::Query HiddenFrom(const authz::Viewer& viewer, Closed closed) {
  return Xapian::Query(HiddenTerm(viewer, closed));
}

// The documents in the scopes a user's grants cover (not everywhere).
Xapian::Query CoveredBy(const authz::CoveredScopes& scopes) {
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

// Hidden from the reach's covered viewer on `covered`, from its elsewhere viewer on the rest;
// `covered` empty when the grants cover nothing.
Xapian::Query HiddenFrom(const authz::ViewerReach& reach, const Xapian::Query& covered,
                         Closed closed) {
  const Xapian::Query elsewhere = HiddenFrom(reach.elsewhere, closed);
  if (covered.empty()) return elsewhere;  // MatchNothing is the empty query
  return Xapian::Query(
      Xapian::Query::OP_OR,
      Xapian::Query(Xapian::Query::OP_AND, covered, HiddenFrom(reach.covered, closed)),
      Xapian::Query(Xapian::Query::OP_AND_NOT, elsewhere, covered));
}

}  // namespace

Xapian::Query Visible::Restrict(const Xapian::Query& query, Closed closed) const {
  const Xapian::Query& hidden = Hidden(closed);
  if (hidden.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query, hidden);
}

Visible VisibleTo(const authz::Principal& principal) {
  const authz::ViewerReach reach = authz::ReachOf(principal);
  const bool user = principal.kind == authz::PrincipalKind::kUser;
  // A user's covered scopes, built once for both closures.
  const Xapian::Query covered =
      user && !reach.scopes.everywhere ? CoveredBy(reach.scopes) : Xapian::Query();
  const auto hidden = [&](Closed closed) {
    if (!user) return HiddenFrom(reach.elsewhere, closed);
    if (reach.scopes.everywhere) return HiddenFrom(reach.covered, closed);
    return HiddenFrom(reach, covered, closed);
  };
  return Visible{.hidden_from_open = hidden(Closed::kExcluded),
                 .hidden_from_all = hidden(Closed::kIncluded)};
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
        viewer, {.champ = champ,
                 .unite_sensible = stored.unite_sensible(),
                 .field = authz::FieldClass::kTelecom,
                 .confidentialite = authz::ConfidentialiteOf(phone.confidentialite())});
    // The libellé is the contact's fonction: contact data, graded by the contact's own level
    // (none set is « très restreint »).
    const bool may_see_contact = authz::MaySee(
        viewer, {.champ = champ,
                 .unite_sensible = stored.unite_sensible(),
                 .field = authz::FieldClass::kContact,
                 .confidentialite = authz::ConfidentialiteOf(phone.contact_confidentialite())});
    if (!may_see_number || !may_see_contact) continue;
    v1::Telephone& shown = *hit.add_telephones();
    shown.set_libelle(phone.libelle());
    shown.set_numero(phone.numero());
  }
}

}  // namespace ror::search::app
