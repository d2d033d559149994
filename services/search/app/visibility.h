#pragma once

// The access function decided once per document at indexing (its kVisibleTo terms) and read back
// at query time: the same authz::MaySee answers, one term per viewer.

#include <string>
#include <vector>

#include "libs/authz/access_policy.h"

namespace ror::search::app {

// The term of the documents `viewer` may see.
std::string VisibilityTerm(const authz::Viewer& viewer);

// The terms of a document of `champ` and sensitivity: one per viewer who may see it.
std::vector<std::string> VisibilityTerms(authz::Champ champ, bool unite_sensible);

// The index layout: the schema's version and what the policy answers for every viewer, champ and
// sensitivity. An index built under another layout is rebuilt.
const std::string& IndexLayout();

}  // namespace ror::search::app
