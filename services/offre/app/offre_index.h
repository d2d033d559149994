#pragma once

// The offres of every EG, in memory, summed up: what closing an organisation asks (which open
// offres hang on it) and what "Mes offres" will show under each organisation.
//
// Why in memory, as the organisation index: a summary is a few hundred bytes, every offre write
// goes through the one handler of this process, and the store's global log is the durable copy.
// Rebuilt at start by one pass over the log (Rebuild), kept current by the offre handler after
// each append (Put).

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/eventstore/event_store.h"
#include "services/offre/app/open_offres.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::app {

struct OffreSummary {
  std::string offre_id;
  std::string finess_eg;
  std::string organisation_id;  // empty: directly on the EG
  std::string nom;              // as readers see it
  std::string type_offre;       // J238, empty until étape 2
  bool published = false;
  bool closed = false;
  bool closed_definitively = false;
  bool draft_pending = false;  // a draft waits for "Valider" (always, before the first one)
  std::string draft_nom;       // the pending draft's nom
  absl::Time draft_saved_at = absl::InfinitePast();  // of the pending draft
  // The last change of any kind; for an offre closed for good, its closure (nothing changes it
  // afterwards).
  absl::Time updated_at = absl::InfinitePast();
  int64_t version = 0;
  // For the access function (offre_access.h): the shown version's champ (J20), and whether the
  // published version or the draft is an unité sensible.
  std::string champ_activite = {};
  bool unite_sensible = false;
};

// Thread-safe.
class OffreIndex final : public OpenOffres {
 public:
  // Replays every offre event of `store`'s global log into an empty index.
  absl::Status Rebuild(eventstore::EventStore& store);

  // Records `state`, unless the index holds that version of it or a later one.
  void Put(const domain::OffreState& state);

  // OpenOffres: the offres on `organisation_id` not closed, named « nom » (id).
  absl::StatusOr<std::vector<std::string>> OpenOffresOf(
      absl::string_view organisation_id) override;

  // The offres of one EG, closed ones included, by id.
  std::vector<OffreSummary> OfEtablissement(absl::string_view finess_eg) const;

  // "Mes actions en attente": the offres of these EGs, not closed for good, with a pending draft;
  // the longest waiting first.
  std::vector<OffreSummary> PendingDrafts(const std::vector<std::string>& finess_egs) const;

  // "Offres fermées définitivement" of one EG, by nom.
  std::vector<OffreSummary> ClosedDefinitively(absl::string_view finess_eg) const;

 private:
  void PutLocked(const domain::OffreState& state);

  mutable std::mutex mu_;
  std::map<std::string, OffreSummary, std::less<>> by_id_;
  // A move changes both, so Put moves the id between sets.
  std::map<std::string, std::set<std::string>, std::less<>> ids_by_eg_;
  std::map<std::string, std::set<std::string>, std::less<>> ids_by_organisation_;
};

}  // namespace ror::offre::app
