#include "services/offre/domain/public_visibility.h"

namespace ror::offre::domain {

bool PubliclyVisible(const OffreState& state) {
  if (!state.published.has_value() || state.published->unite_sensible()) return false;
  return !(state.closure.has_value() && state.closure->definitive);
}

}  // namespace ror::offre::domain
