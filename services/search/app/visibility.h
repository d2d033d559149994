#pragma once

// The access function decided once per document at indexing (its kVisibleTo terms) and read back
// at query time: the same authz::MaySee answers, one term per viewer.

#include <string>
#include <vector>

#include "libs/authz/access_policy.h"

namespace ror::search::app {

// Whether a document is open or closed temporarily (one closed for good is not indexed): part of
// its visibility terms, so the commonest filter, « open and visible to me », is one term.
enum class Closure { kOpen, kClosedTemporarily };

// The term of the documents `viewer` may see, open or closed temporarily.
std::string VisibilityTerm(const authz::Viewer& viewer, Closure closure);

// The terms of a document of `champ`, sensitivity and closure: one per viewer who may see it.
std::vector<std::string> VisibilityTerms(authz::Champ champ, bool unite_sensible, Closure closure);

// The index layout: the schema's version and what the policy answers for every viewer, champ and
// sensitivity. An index built under another layout is rebuilt.
const std::string& IndexLayout();

}  // namespace ror::search::app
