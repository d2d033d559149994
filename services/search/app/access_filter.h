#pragma once

// The access function (libs/authz) as a Xapian filter: the documents a principal may see at all,
// so that results, totals, suggestions and exports never include one he may not. The filter is
// built from the hidden terms of the caller's viewers (the policy table, decided per document at
// indexing: visibility.h) and where the principal's grants reach (authz::ReachOf).

#include "libs/authz/access_viewer.h"
#include "libs/authz/principal.h"
#include "ror/v1/search.pb.h"
#include "ror/v1/search_read_model.pb.h"
#include "services/search/app/visibility.h"
#include "xapian.h"

namespace ror::search::app {

// What a principal may see, kept as the documents hidden from him: a few per cent of the index,
// cheap to exclude, where those he may see are nearly all of it.
struct Visible {
  Xapian::Query hidden_from_open;  // searches without the offres closed temporarily
  Xapian::Query hidden_from_all;   // searches with them (inclure_fermees)

  // What is hidden from the principal (empty: nothing).
  const Xapian::Query& Hidden(Closed closed) const {
    return closed == Closed::kIncluded ? hidden_from_all : hidden_from_open;
  }
  // `query` without what is hidden from the principal.
  Xapian::Query Restrict(const Xapian::Query& query, Closed closed) const;
};
Visible VisibleTo(const authz::Principal& principal);

// The viewer `principal` is for one stored document (its EG's scope).
authz::Viewer ViewerOf(const authz::Principal& principal, const v1::search::StoredDocument& stored);

// The telephones of `stored` that `viewer` may see, for a hit.
void AddVisibleTelephones(const authz::Viewer& viewer, const v1::search::StoredDocument& stored,
                          v1::SearchHit& hit);

}  // namespace ror::search::app
