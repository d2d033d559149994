#pragma once

// The access function decided once per document at indexing (its hidden terms) and read back at
// query time: the same authz::MaySee answers, a term for each viewer who may not see it.

#include <string>
#include <vector>

#include "libs/authz/access_policy.h"

namespace ror::search::app {

// Whether a search includes the offres closed temporarily (inclure_fermees) or not.
enum class Closed { kExcluded, kIncluded };

// The term of the documents hidden from `viewer` in a search that `closed` says.
std::string HiddenTerm(const authz::Viewer& viewer, Closed closed);

// The hidden terms of a document of `champ`, sensitivity and closure (index_schema.h).
std::vector<std::string> HiddenTerms(authz::Champ champ, bool unite_sensible,
                                     bool closed_temporarily);

// The index layout: the schema's version and what the policy answers for every viewer, champ and
// sensitivity. An index built under another layout is rebuilt.
const std::string& IndexLayout();

}  // namespace ror::search::app
