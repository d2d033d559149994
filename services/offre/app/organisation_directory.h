#pragma once

// What the offre handler reads of the organisation interne: the facts a rattachement
// organisationnel is judged on, and the lock that keeps them true until the offre's append.
//
// Why a lock shared with the organisation handler: closing an organisation checks that no open
// offre hangs on it, and attaching an offre checks that its organisation is open. Were both to
// decide at once, each on the other's old state, an open offre could end under a closed UF. Both
// run under the organisation handler's structure lock, so one sees the other's outcome. Offres
// that hang directly on their EG take no lock.

#include <mutex>
#include <optional>

#include "absl/strings/string_view.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::app {

class OrganisationDirectory {
 public:
  virtual ~OrganisationDirectory() = default;

  // The organisation `organisation_id`, or none when it is unknown.
  virtual std::optional<domain::OrganisationFacts> FindOrganisation(
      absl::string_view organisation_id) = 0;

  // Held from reading an organisation's facts until the append that relies on them.
  virtual std::unique_lock<std::mutex> LockStructure() = 0;
};

}  // namespace ror::offre::app
