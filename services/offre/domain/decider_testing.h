#pragma once

// What the offre service's decider tests share: the built-in nomenclatures, deciding a command
// with the idempotent re-run DESIGN §6 asks of every decider test, reading violations, a complete
// draft.

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/nomenclature/nomenclatures.h"
#include "services/offre/domain/offre.h"

namespace ror::offre::domain::testing {

// The offre the decider tests decide on, and their clock.
inline constexpr char kId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
inline const absl::Time kNow = absl::FromUnixSeconds(1'790'000'000);

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

// The events `command` yields on `state`; fails the test unless deciding the same command again
// on the state those events produce yields no event.
inline std::vector<Event> Decided(const OffreState& state, const Command& command) {
  absl::StatusOr<std::vector<Event>> events = Decide(state, command, BuiltInCodes());
  EXPECT_OK(events);
  if (!events.ok()) return {};
  OffreState then = state;
  for (const Event& e : *events) then = Evolve(std::move(then), e);
  absl::StatusOr<std::vector<Event>> again = Decide(then, command, BuiltInCodes());
  EXPECT_OK(again);
  if (again.ok()) {
    EXPECT_THAT(*again, ::testing::IsEmpty()) << "re-deciding must be a no-op";
  }
  return *std::move(events);
}

// The state after `command` on `state`, checked as Decided does.
inline OffreState Apply(const OffreState& state, const Command& command) {
  OffreState then = state;
  for (const Event& e : Decided(state, command)) then = Evolve(std::move(then), e);
  return then;
}

// The (field, rule) pairs of the BadRequest `status` carries; empty without one.
inline std::vector<std::pair<std::string, std::string>> Violations(const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> out;
  if (auto bad = GetBadRequest(status)) {
    for (const auto& v : bad->field_violations()) out.emplace_back(v.field(), v.rule());
  }
  return out;
}

// The three steps of « HC Cardiologie », with codes of the built-in lists.
inline v1::OffreContent Complete() {
  v1::OffreContent c;
  c.set_nom("HC Cardiologie");
  c.set_champ_activite("01");
  c.set_type_offre("149");                 // J238 unité hospitalière de cardiologie
  c.set_mode_prise_en_charge("28");        // J19 hospitalisation complète
  c.add_activites_operationnelles("013");  // J17 cardiologie générale
  return c;
}

}  // namespace ror::offre::domain::testing
