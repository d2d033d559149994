#pragma once

// Test support: a directory with the CHRU de Rennes (Bretagne, région 53) and what the tests
// publish in it, as the gateway would have it from the bus.

#include <memory>
#include <string>

#include "gateway/directory/directory_testing.h"
#include "gateway/fhir/fhir_fixtures.h"
#include "gateway/fhir/resources.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"

namespace ror::gateway::feeds::testing {

inline constexpr char kRennes[] = "350000741";

class DirectoryWithRennes {
 public:
  DirectoryWithRennes() {
    db_ = *bus::ProjectionDb::Open(
        directory::DirectoryDbOptions((dir_.path() / "directory").string()));
    directory_ = std::make_unique<directory::Directory>(*db_);
    resources_ = std::make_unique<fhir::Resources>(*directory_, fhir::testing::Codes());
    ImportRennes();
  }

  void ImportRennes() {
    v1::events::EtablissementImported imported;
    *imported.mutable_fiche() = fhir::testing::Pontchaillou();
    imported.mutable_fiche()->set_departement("35");
    Apply(directory::testing::EnvelopeOf("etablissement-350000741", 1, imported, 1000));
  }

  // Empties the directory, as a rebuild does before the bus gives the events again.
  void ClearDirectory() { ASSERT_OK(db_->Clear()); }

  void Apply(const v1::EventEnvelope& event) {
    bus::ProjectionWrite write(*db_);
    ASSERT_OK(projection_.Apply(event, write));
    ASSERT_OK(db_->Commit(write));
  }

  // Creates and validates offre `id` (two events, one change of its HealthcareService).
  void Publish(const std::string& id, bool sensible = false, int64_t at = 2000) {
    v1::events::OffreCreated created;
    created.set_offre_id(id);
    created.set_finess_eg(kRennes);
    *created.mutable_draft() = fhir::testing::Cardiologie().content;
    Apply(directory::testing::EnvelopeOf("offre-" + id, 1, created, at));
    v1::events::DraftValidated validated;
    validated.set_offre_id(id);
    *validated.mutable_published() = fhir::testing::Cardiologie().content;
    validated.mutable_published()->set_nom("Offre " + id);
    validated.mutable_published()->set_unite_sensible(sensible);
    Apply(directory::testing::EnvelopeOf("offre-" + id, 2, validated, at + 1));
  }

  const fhir::Resources& resources() const { return *resources_; }
  const std::filesystem::path& path() const { return dir_.path(); }

 private:
  ror::testing::TempDir dir_;
  std::unique_ptr<bus::ProjectionDb> db_;
  directory::DirectoryProjection projection_;
  std::unique_ptr<directory::Directory> directory_;
  std::unique_ptr<fhir::Resources> resources_;
};

}  // namespace ror::gateway::feeds::testing
