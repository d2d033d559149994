#pragma once

// What the offre service's decider tests share: the built-in nomenclatures, and applying a
// command with the idempotent re-run DESIGN §6 asks of every decider test.

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/nomenclature/nomenclatures.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain::testing {

inline const nomenclature::Nomenclatures& BuiltInCodes() {
  static const auto* codes =
      new nomenclature::Nomenclatures(nomenclature::Nomenclatures::BuiltIn());
  return *codes;
}

// A modèle de saisie for every champ d'activité, pre-filling and restricting nothing: decider
// tests about other rules create their offres with it.
inline const v1::ModeleSaisie& OpenModele() {
  static const auto* modele = [] {
    auto* m = new v1::ModeleSaisie();
    m->set_id("TEST/01");
    m->set_version(1);
    m->set_titre("Modèle de test sans restriction");
    for (const char* categorie : {"101", "106", "355", "500"}) m->add_categories_eg(categorie);
    for (const char* champ : {"01", "02", "03", "04", "05", "06"}) m->add_champs_activite(champ);
    return m;
  }();
  return *modele;
}

// The state after `command` on `state`; fails the test unless deciding the same command again on
// that state yields no event.
inline OffreState Apply(const OffreState& state, const Command& command) {
  absl::StatusOr<std::vector<Event>> events = Decide(state, command, BuiltInCodes());
  EXPECT_OK(events);
  OffreState then = state;
  if (events.ok()) {
    for (const Event& e : *events) then = Evolve(std::move(then), e);
  }
  absl::StatusOr<std::vector<Event>> again = Decide(then, command, BuiltInCodes());
  EXPECT_OK(again);
  if (again.ok()) {
    EXPECT_THAT(*again, ::testing::IsEmpty()) << "re-deciding must be a no-op";
  }
  return then;
}

}  // namespace ror::offre::domain::testing
