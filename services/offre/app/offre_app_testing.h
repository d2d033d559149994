#pragma once

// What the offre service's handler and gRPC tests share: the repository's modèles de saisie
// (services/offre/modeles, the files `./ror up` serves) checked against the built-in lists,
// importing an EG so that its FINESS category is known, a command context and a new offre.

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/event_store.h"
#include "libs/nomenclature/nomenclatures.h"
#include "services/offre/app/etablissement_handler.h"
#include "services/offre/app/modele_saisie_files.h"
#include "services/offre/app/offre_handler.h"

namespace ror::offre::app::fixtures {

inline const domain::ModeleCatalog& RepositoryModeles() {
  static const auto* modeles = [] {
    static const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
    absl::StatusOr<domain::ModeleCatalog> loaded = LoadModeleCatalog(ROR_OFFRE_MODELES_DIR, codes);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status();
      return new domain::ModeleCatalog(domain::ModeleCatalog::Empty());
    }
    return new domain::ModeleCatalog(*std::move(loaded));
  }();
  return *modeles;
}

// A command of the system actor "test" under `request_id` (empty: none).
inline CommandContext TestContext(std::string request_id = "") {
  CommandContext ctx;
  ctx.request_id = std::move(request_id);
  ctx.actor.set_kind(v1::Actor::KIND_SYSTEM);
  ctx.actor.set_subject("test");
  return ctx;
}

// An offre of cardiologie (champ 01, modèle de saisie 149/01) on `finess_eg`.
inline NewOffre Cardiologie(std::string nom = "HC Cardiologie",
                            std::string finess_eg = "350000741") {
  return NewOffre{.nom = std::move(nom),
                  .champ_activite = "01",
                  .finess_eg = std::move(finess_eg),
                  .modele_saisie = "149/01"};
}

// Imports `finess_eg` of FINESS category `categorie` (J55) into `store`; `libelle_categorie`
// empty: "Catégorie <categorie>".
inline void ImportEtablissement(eventstore::EventStore& store, const Clock& clock, IdGenerator& ids,
                                const std::string& finess_eg, const std::string& categorie = "101",
                                const std::string& libelle_categorie = "") {
  v1::EtablissementFiche fiche;
  fiche.set_finess_eg(finess_eg);
  fiche.set_finess_ej("350005179");
  fiche.set_raison_sociale(absl::StrCat("EG ", finess_eg));
  fiche.set_categorie(categorie);
  fiche.set_libelle_categorie(libelle_categorie.empty() ? absl::StrCat("Catégorie ", categorie)
                                                        : libelle_categorie);
  EtablissementHandler etablissements(store, clock, ids);
  ASSERT_TRUE(etablissements.Import(fiche, "test", TestContext()).ok());
}

}  // namespace ror::offre::app::fixtures
