// Rattachement organisationnel and "Déplacer" across the handlers, on RocksDB: offres hang on UF,
// move between UF and between EGs of one FINESS category, and keep their UF from closing.
#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/offre/api/organisation_grpc_service.h"
#include "services/offre/app/etablissement_handler.h"
#include "services/offre/app/offre_app_testing.h"
#include "services/offre/app/offre_handler.h"
#include "services/offre/app/offre_index.h"
#include "services/offre/app/organisation_handler.h"

namespace ror::offre::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kRennes[] = "350000741";    // 355 C.H.
constexpr char kFougeres[] = "350000048";  // 355 C.H.
constexpr char kClinique[] = "350005179";  // 365

class OffreMoveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, eventstore::RocksDbEventStore::Open(
                                     {.path = (dir_.path() / "events").string()}, clock_));
    etablissements_ = std::make_unique<EtablissementHandler>(*store_, clock_, ids_);
    fixtures::ImportEtablissement(*store_, clock_, ids_, kRennes, "355",
                                  "Centre Hospitalier (C.H.)");
    fixtures::ImportEtablissement(*store_, clock_, ids_, kFougeres, "355",
                                  "Centre Hospitalier (C.H.)");
    fixtures::ImportEtablissement(*store_, clock_, ids_, kClinique, "365",
                                  "Etablissement de Soins Pluridisciplinaire");
    ASSERT_OK(index_.Rebuild(*store_));
    ASSERT_OK_AND_ASSIGN(organisations_, OrganisationHandler::Open(*store_, *etablissements_,
                                                                   index_, codes_, clock_, ids_));
    offres_ = std::make_unique<OffreHandler>(*store_, codes_, fixtures::RepositoryModeles(), clock_,
                                             ids_, organisations_.get(), &index_);
  }

  std::string Organisation(const char* finess, const std::string& parent, const char* type,
                           const char* nom) {
    absl::StatusOr<domain::OrganisationState> created =
        organisations_->Create(NewOrganisation{.finess_eg = finess,
                                               .parent_id = parent,
                                               .type = type,
                                               .nom = nom,
                                               .boite_lettre_mss = ""},
                               CommandContext{});
    EXPECT_OK(created);
    return created.ok() ? created->organisation_id : "";
  }

  testing::TempDir dir_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  nomenclature::Nomenclatures codes_ = nomenclature::Nomenclatures::BuiltIn();
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::unique_ptr<EtablissementHandler> etablissements_;
  OffreIndex index_;
  std::unique_ptr<OrganisationHandler> organisations_;
  std::unique_ptr<OffreHandler> offres_;
};

TEST_F(OffreMoveTest, AnOffreMovesBetweenUfAndEgsOfOneCategoryAndHoldsItsUf) {
  const std::string pole = Organisation(kRennes, "", "1", "Pôle Chirurgie");
  const std::string uf1 = Organisation(kRennes, pole, "3", "UF Chirurgie digestive");
  const std::string uf2 = Organisation(kRennes, pole, "3", "UF Chirurgie ambulatoire");

  ASSERT_OK_AND_ASSIGN(domain::OffreState offre,
                       offres_->CreateOffre(NewOffre{.nom = "HC Chirurgie viscérale et digestive",
                                                     .champ_activite = "01",
                                                     .finess_eg = kRennes,
                                                     .organisation_id = uf1,
                                                     .modele_saisie = "149/01"},
                                            CommandContext{}));
  EXPECT_EQ(offre.organisation_id, uf1);
  v1::OffreContent content = offre.shown();
  content.set_type_offre("149");
  content.set_mode_prise_en_charge("28");
  content.add_activites_operationnelles("013");
  ASSERT_OK(offres_->SaveDraft(offre.offre_id, content, 3, CommandContext{}).status());
  ASSERT_OK(offres_->ValidateDraft(offre.offre_id, CommandContext{}).status());

  // A closed or foreign organisation is no rattachement.
  EXPECT_THAT(offres_->CreateOffre(NewOffre{.nom = "HC Gynécologie",
                                            .champ_activite = "01",
                                            .finess_eg = kFougeres,
                                            .organisation_id = uf1,
                                            .modele_saisie = "MS-141"},
                                   CommandContext{}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("appartient")));

  ASSERT_OK_AND_ASSIGN(offre, offres_->MoveOffre(offre.offre_id, "", uf2, CommandContext{}));
  EXPECT_EQ(offre.organisation_id, uf2);
  EXPECT_EQ(offre.published->type_offre(), "149");

  // "Mes offres": the EG's tree shows the offre under its UF, and only there.
  api::OrganisationGrpcService service(*organisations_, &index_);
  v1::GetEtablissementTreeRequest tree_request;
  tree_request.set_finess_eg(kRennes);
  v1::EtablissementTree tree;
  ASSERT_TRUE(service.GetEtablissementTree(nullptr, &tree_request, &tree).ok());
  ASSERT_EQ(tree.organisations_size(), 1);
  const v1::OrganisationNode& pole_node = tree.organisations(0);
  ASSERT_EQ(pole_node.children_size(), 2);
  const v1::OrganisationNode& ambulatoire = pole_node.children(0);  // by nom
  EXPECT_EQ(ambulatoire.organisation().organisation_id(), uf2);
  ASSERT_EQ(ambulatoire.offres_size(), 1);
  EXPECT_EQ(ambulatoire.offres(0).offre_id(), offre.offre_id);
  EXPECT_EQ(ambulatoire.offres(0).type_offre(), "149");
  EXPECT_EQ(ambulatoire.offres(0).etat(), v1::OffreNode::ETAT_PUBLIEE);
  EXPECT_EQ(pole_node.children(1).offres_size(), 0);
  EXPECT_EQ(tree.offres_size(), 0);

  ASSERT_OK(organisations_->Close(uf1, CommandContext{}).status());
  EXPECT_THAT(organisations_->Close(uf2, CommandContext{}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("« HC Chirurgie viscérale et digestive » (" + offre.offre_id)));

  EXPECT_THAT(offres_->MoveOffre(offre.offre_id, kClinique, "", CommandContext{}),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("« 355 Centre Hospitalier (C.H.) »"),
                             HasSubstr("« 365 Etablissement de Soins Pluridisciplinaire »"))));
  EXPECT_THAT(offres_->MoveOffre(offre.offre_id, "350009999", "", CommandContext{}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("pas importé")));
  ASSERT_OK_AND_ASSIGN(offre, offres_->MoveOffre(offre.offre_id, kFougeres, "", CommandContext{}));
  EXPECT_EQ(offre.finess_eg, kFougeres);
  EXPECT_EQ(offre.organisation_id, "");
  EXPECT_EQ(offre.version, 5);
  // UF2 is free now; the index rebuilt from the log agrees.
  OffreIndex rebuilt;
  ASSERT_OK(rebuilt.Rebuild(*store_));
  ASSERT_EQ(rebuilt.OfEtablissement(kFougeres).size(), 1u);
  EXPECT_EQ(rebuilt.OfEtablissement(kFougeres)[0].type_offre, "149");
  ASSERT_OK(organisations_->Close(uf2, CommandContext{}).status());

  // Data quality per establishment: an offre named « urgences » without the urgences activity.
  ASSERT_OK_AND_ASSIGN(domain::OffreState sau,
                       offres_->CreateOffre(
                           // Not the urgences template, which would pre-fill the urgences activity.
                           NewOffre{.nom = "SAU - Urgences adultes",
                                    .champ_activite = "01",
                                    .finess_eg = kRennes,
                                    .modele_saisie = "149/01"},
                           CommandContext{}));
  ASSERT_OK_AND_ASSIGN(std::vector<OffreHandler::QualityFinding> findings,
                       offres_->QualityReport(kRennes));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].offre.offre_id, sau.offre_id);
  ASSERT_EQ(findings[0].anomalies.size(), 1u);
  EXPECT_EQ(findings[0].anomalies[0].rule, "CO1");
  ASSERT_OK_AND_ASSIGN(findings, offres_->QualityReport(kFougeres));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_TRUE(findings[0].anomalies.empty()) << findings[0].anomalies[0].description;

  // A malformed FINESS number is named, not answered with an empty report.
  absl::StatusOr<std::vector<OffreHandler::QualityFinding>> malformed =
      offres_->QualityReport("35-0741");
  EXPECT_THAT(malformed, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("finess_eg")));
}

}  // namespace
}  // namespace ror::offre::app
