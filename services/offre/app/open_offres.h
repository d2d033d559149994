#pragma once

// The hook through which closing an organisation learns which offres still hang on it, open: the
// closure is refused while there is one, and the refusal names them. OffreIndex (offre_index.h)
// answers in the service, from the offre service's own log; NoOpenOffres serves tests about
// organisations alone.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace ror::offre::app {

class OpenOffres {
 public:
  virtual ~OpenOffres() = default;

  // Ids of the offres attached to `organisation_id` that are not closed.
  virtual absl::StatusOr<std::vector<std::string>> OpenOffresOf(
      absl::string_view organisation_id) = 0;
};

// No offre hangs on any organisation.
class NoOpenOffres final : public OpenOffres {
 public:
  absl::StatusOr<std::vector<std::string>> OpenOffresOf(absl::string_view) override {
    return std::vector<std::string>{};
  }
};

}  // namespace ror::offre::app
