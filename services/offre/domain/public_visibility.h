#pragma once

#include "services/offre/domain/offre.h"

namespace ror::offre::domain {

// Whether anyone, without an account, may see an offre: its published version, unless it is an
// unité sensible or closed for good. The one place that decides it until the auth service's
// access function takes over (issue "Auth service").
bool PubliclyVisible(const OffreState& state);

}  // namespace ror::offre::domain
