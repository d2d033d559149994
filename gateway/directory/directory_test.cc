#include "gateway/directory/directory.h"

#include <memory>
#include <string>
#include <vector>

#include "gateway/directory/directory_testing.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "ror/v1/events/etablissement_events.pb.h"
#include "ror/v1/events/offre_events.pb.h"
#include "ror/v1/events/organisation_events.pb.h"

namespace ror::gateway::directory {
namespace {

using ::ror::testing::IsOkAndHolds;

using testing::EnvelopeOf;

class DirectoryTest : public ::testing::Test {
 protected:
  DirectoryTest() {
    db_ = *bus::ProjectionDb::Open(DirectoryDbOptions((dir_.path() / "directory").string()));
    directory_ = std::make_unique<Directory>(*db_);
  }

  absl::Status Apply(const v1::EventEnvelope& event) {
    bus::ProjectionWrite write(*db_);
    if (absl::Status s = projection_.Apply(event, write); !s.ok()) return s;
    return db_->Commit(write);
  }

  v1::EventEnvelope Imported(const std::string& nom, int64_t at) {
    v1::events::EtablissementImported imported;
    imported.mutable_fiche()->set_finess_eg("350000741");
    imported.mutable_fiche()->set_raison_sociale(nom);
    return EnvelopeOf("etablissement-350000741", ++eg_version_, imported, at);
  }

  std::vector<std::string> Log() {
    std::vector<std::string> out;
    const absl::StatusOr<std::vector<Directory::Change>> changes = directory_->ChangesAfter(0, 100);
    EXPECT_OK(changes.status());
    if (!changes.ok()) return out;
    for (const Directory::Change& c : *changes) {
      out.push_back(c.change.resource_type() + "/" + c.change.id() +
                    (c.change.deleted() ? " (deleted)" : "") + " @" +
                    std::to_string(c.change.at().seconds()));
    }
    return out;
  }

  ror::testing::TempDir dir_;
  std::unique_ptr<bus::ProjectionDb> db_;
  std::unique_ptr<Directory> directory_;
  DirectoryProjection projection_;
  int64_t eg_version_ = 0;
};

TEST_F(DirectoryTest, AnEtablissementKeepsWhenItCameAndWhenItLastChanged) {
  ASSERT_OK(Apply(Imported("CHRU RENNES", 1000)));
  ASSERT_OK(Apply(Imported("CHRU DE RENNES", 2000)));
  ASSERT_OK_AND_ASSIGN(auto eg, directory_->Etablissement("350000741"));
  ASSERT_TRUE(eg.has_value());
  EXPECT_EQ(eg->fiche().raison_sociale(), "CHRU DE RENNES");
  EXPECT_EQ(eg->created_at().seconds(), 1000);
  EXPECT_EQ(eg->updated_at().seconds(), 2000);
  EXPECT_EQ(Log(), (std::vector<std::string>{"Organization/350000741 @1000",
                                             "Organization/350000741 @2000"}));
}

TEST_F(DirectoryTest, AnEntiteJuridiqueIsAnOrganizationOfTheLogNamedByItsEj) {
  v1::events::EntiteJuridiqueImported imported;
  imported.mutable_fiche()->set_finess_ej("350005179");
  imported.mutable_fiche()->set_raison_sociale("CHU RENNES");
  ASSERT_OK(Apply(EnvelopeOf("etablissement-ej-350005179", 1, imported, 500)));
  imported.mutable_fiche()->set_raison_sociale("CHU DE RENNES");
  ASSERT_OK(Apply(EnvelopeOf("etablissement-ej-350005179", 2, imported, 900)));
  ASSERT_OK_AND_ASSIGN(auto ej, directory_->EntiteJuridique("350005179"));
  ASSERT_TRUE(ej.has_value());
  EXPECT_EQ(ej->fiche().raison_sociale(), "CHU DE RENNES");
  EXPECT_EQ(ej->created_at().seconds(), 500);
  EXPECT_EQ(ej->updated_at().seconds(), 900);
  ASSERT_OK_AND_ASSIGN(auto not_an_ej, directory_->EntiteJuridique("350000741"));
  EXPECT_FALSE(not_an_ej.has_value());
  EXPECT_EQ(Log(), (std::vector<std::string>{"Organization/350005179 @500",
                                             "Organization/350005179 @900"}));
  ASSERT_OK_AND_ASSIGN(auto changes, directory_->ChangesAfter(0, 10));
  EXPECT_EQ(changes[1].change.finess_ej(), "350005179");
  EXPECT_EQ(changes[1].change.finess_eg(), "");
  EXPECT_EQ(changes[1].change.event_id(), "etablissement-ej-350005179#2");
  int visited = 0;
  ASSERT_OK(
      directory_->ForEachEntiteJuridique([&](const v1::gateway::DirectoryEntiteJuridique& row) {
        ++visited;
        return row.fiche().finess_ej() == "350005179";
      }));
  EXPECT_EQ(visited, 1);
}

TEST_F(DirectoryTest, AnOffreIsPublishedByItsValidationAndGoneWhenClosedForGood) {
  v1::events::OffreCreated created;
  created.set_offre_id("o1");
  created.set_finess_eg("350000741");
  created.mutable_draft()->set_nom("HC Cardiologie");
  ASSERT_OK(Apply(EnvelopeOf("offre-o1", 1, created, 100)));
  EXPECT_TRUE(Log().empty());  // a draft is not published

  v1::events::OffreDraftUpdated saved;
  saved.set_offre_id("o1");
  ASSERT_OK(Apply(EnvelopeOf("offre-o1", 2, saved, 110)));
  v1::events::DraftValidated validated;
  validated.set_offre_id("o1");
  validated.mutable_published()->set_nom("HC Cardiologie");
  ASSERT_OK(Apply(EnvelopeOf("offre-o1", 3, validated, 120)));
  v1::events::OffreMoved moved;
  moved.set_offre_id("o1");
  moved.set_finess_eg("350007084");
  ASSERT_OK(Apply(EnvelopeOf("offre-o1", 4, moved, 130)));
  v1::events::OffreClosed closed;
  closed.set_offre_id("o1");
  closed.set_definitive(true);
  ASSERT_OK(Apply(EnvelopeOf("offre-o1", 5, closed, 140)));

  ASSERT_OK_AND_ASSIGN(auto offre, directory_->Offre("o1"));
  ASSERT_TRUE(offre.has_value());
  EXPECT_TRUE(offre->published());
  EXPECT_EQ(offre->content().nom(), "HC Cardiologie");
  EXPECT_EQ(offre->finess_eg(), "350007084");
  EXPECT_TRUE(offre->closed_for_good());
  EXPECT_EQ(offre->created_at().seconds(), 100);
  EXPECT_EQ(Log(),
            (std::vector<std::string>{"HealthcareService/o1 @120", "HealthcareService/o1 @130",
                                      "HealthcareService/o1 (deleted) @140"}));
  EXPECT_THAT(directory_->LastSequence(), IsOkAndHolds(3u));
  ASSERT_OK_AND_ASSIGN(auto after_first, directory_->ChangesAfter(1, 1));
  ASSERT_EQ(after_first.size(), 1u);
  EXPECT_EQ(after_first[0].sequence, 2u);
}

TEST_F(DirectoryTest, AnOrganisationInterneIsKeptAndLoggedAsAnOrganization) {
  v1::events::OrganisationCreated created;
  created.set_organisation_id("oi-1");
  created.set_type("1");
  created.set_nom("Pôle cardio");
  created.set_finess_eg("350000741");
  ASSERT_OK(Apply(EnvelopeOf("organisation-oi-1", 1, created, 100)));
  v1::events::OrganisationUpdated updated;
  updated.set_organisation_id("oi-1");
  updated.set_nom("Pôle cardiovasculaire");
  updated.set_boite_lettre_mss("pole.cardio@chu-rennes.mssante.fr");
  ASSERT_OK(Apply(EnvelopeOf("organisation-oi-1", 2, updated, 110)));
  v1::events::OrganisationClosed closed;
  closed.set_organisation_id("oi-1");
  ASSERT_OK(Apply(EnvelopeOf("organisation-oi-1", 3, closed, 120)));
  ASSERT_OK_AND_ASSIGN(auto oi, directory_->Organisation("oi-1"));
  ASSERT_TRUE(oi.has_value());
  EXPECT_EQ(oi->nom(), "Pôle cardiovasculaire");
  EXPECT_EQ(oi->type(), "1");
  EXPECT_EQ(oi->finess_eg(), "350000741");
  EXPECT_TRUE(oi->closed());
  EXPECT_EQ(oi->created_at().seconds(), 100);
  EXPECT_EQ(oi->updated_at().seconds(), 120);
  EXPECT_EQ(Log(), (std::vector<std::string>{"Organization/oi-1 @100", "Organization/oi-1 @110",
                                             "Organization/oi-1 @120"}));
  ASSERT_OK_AND_ASSIGN(auto changes, directory_->ChangesAfter(0, 1));
  EXPECT_EQ(changes[0].change.finess_eg(), "350000741");
  EXPECT_EQ(changes[0].change.event_id(), "organisation-oi-1#1");

  v1::events::OrganisationClosed orphan;
  orphan.set_organisation_id("oi-unknown");
  EXPECT_EQ(Apply(EnvelopeOf("organisation-oi-unknown", 1, orphan, 130)).code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(DirectoryTest, ADirectoryOfAnotherLayoutIsEmptiedToBeRebuilt) {
  ASSERT_OK(EnsureLayout(*db_));
  ASSERT_OK_AND_ASSIGN(const std::string epoch, directory_->Epoch());
  EXPECT_FALSE(epoch.empty());  // numbered before its first change
  ASSERT_OK(Apply(Imported("CHRU RENNES", 1000)));
  ASSERT_OK(EnsureLayout(*db_));  // the same layout: kept
  EXPECT_EQ(Log().size(), 1u);
  ASSERT_OK_AND_ASSIGN(const std::string kept, directory_->Epoch());
  EXPECT_EQ(kept, epoch);
  ASSERT_OK(db_->PutMeta("gateway.directory.layout", "1"));
  ASSERT_OK(EnsureLayout(*db_));
  EXPECT_TRUE(Log().empty());
  ASSERT_OK_AND_ASSIGN(const std::string renumbered, directory_->Epoch());
  EXPECT_NE(renumbered, epoch);
  ASSERT_OK_AND_ASSIGN(auto eg, directory_->Etablissement("350000741"));
  EXPECT_FALSE(eg.has_value());
}

TEST_F(DirectoryTest, PositionsKnowTheirNumberingAndEventsTheirChange) {
  ASSERT_OK_AND_ASSIGN(const std::string none, directory_->Epoch());
  EXPECT_EQ(none, "");  // nothing numbered yet
  ASSERT_OK(Apply(Imported("CHRU RENNES", 1000)));
  ASSERT_OK(Apply(Imported("CHRU DE RENNES", 2000)));
  ASSERT_OK_AND_ASSIGN(const std::string epoch, directory_->Epoch());
  EXPECT_FALSE(epoch.empty());
  EXPECT_THAT(directory_->SequenceOf("etablissement-350000741#2"), IsOkAndHolds(2u));
  ASSERT_OK_AND_ASSIGN(auto unknown, directory_->SequenceOf("etablissement-350000741#9"));
  EXPECT_FALSE(unknown.has_value());

  auto resume = [&](const LogPosition& position) {
    absl::StatusOr<LogPosition> resumed = directory_->Resume(position);
    EXPECT_OK(resumed.status());
    if (!resumed.ok()) return UINT64_MAX;
    EXPECT_EQ(resumed->epoch, epoch);
    return resumed->sequence;
  };
  EXPECT_EQ(resume({.sequence = 1, .epoch = epoch}), 1u);
  EXPECT_EQ(resume({.sequence = 1, .epoch = ""}), 1u);  // a sequence alone: this numbering's
  EXPECT_EQ(resume({.sequence = 1, .epoch = "another"}), 0u);

  // Rebuilt: a new numbering.
  ASSERT_OK(db_->Clear());
  ASSERT_OK(Apply(Imported("CHRU DE RENNES", 2000)));
  ASSERT_OK_AND_ASSIGN(const std::string rebuilt, directory_->Epoch());
  EXPECT_NE(rebuilt, epoch);
  ASSERT_OK_AND_ASSIGN(const LogPosition old, directory_->Resume({.sequence = 2, .epoch = epoch}));
  EXPECT_EQ(old.sequence, 0u);
  EXPECT_EQ(old.epoch, rebuilt);
}

TEST(LogPositionTest, WrittenAndReadBack) {
  EXPECT_EQ(PositionText({.sequence = 42, .epoch = "18f3a-9c"}), "42@18f3a-9c");
  EXPECT_EQ(PositionText({.sequence = 42, .epoch = ""}), "42");
  std::optional<LogPosition> read = ParsePosition("42@18f3a-9c");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->sequence, 42u);
  EXPECT_EQ(read->epoch, "18f3a-9c");
  read = ParsePosition("7");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->sequence, 7u);
  EXPECT_EQ(read->epoch, "");
  for (const char* bad : {"", "x", "-1", "42@", "@abc", "18446744073709551615"}) {
    EXPECT_FALSE(ParsePosition(bad).has_value()) << bad;
  }
}

TEST_F(DirectoryTest, AnEventTypeItDoesNotKnowIsRefusedNotGuessed) {
  v1::EventEnvelope unknown;
  unknown.set_event_type("OffreRenamedInTheFuture");
  unknown.set_event_id("x");
  EXPECT_EQ(Apply(unknown).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace ror::gateway::directory
