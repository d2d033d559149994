#pragma once

// The access function (libs/authz) as a Xapian filter: the documents a principal may see at all,
// so that results, totals, suggestions and exports never include one he may not. The filter is
// the viewer's visibility term (the policy table, decided per document at indexing:
// visibility.h) and where the principal's grants reach (authz::ReachOf).

#include "libs/authz/access_viewer.h"
#include "libs/authz/principal.h"
#include "ror/v1/search.pb.h"
#include "ror/v1/search_read_model.pb.h"
#include "xapian.h"

namespace ror::search::app {

// What a principal may see, open only or closed temporarily too (inclure_fermees).
struct Visible {
  Xapian::Query open;
  Xapian::Query open_or_closed;
};
Visible VisibleTo(const authz::Principal& principal);

// The viewer `principal` is for one stored document (its EG's scope).
authz::Viewer ViewerOf(const authz::Principal& principal,
                       const v1::search::StoredDocument& stored);

// The telephones of `stored` that `viewer` may see, for a hit.
void AddVisibleTelephones(const authz::Viewer& viewer, const v1::search::StoredDocument& stored,
                          v1::SearchHit& hit);

}  // namespace ror::search::app
