// rorctl's FINESS import against a real offre service (gRPC on loopback, RocksDB on disk).
#include "tools/rorctl/finess_import.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/rocksdb_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/offre/api/etablissement_grpc_service.h"

namespace ror::rorctl {
namespace {

using ::testing::HasSubstr;

const std::filesystem::path kSample =
    std::filesystem::path(ROR_SHARED_DATA) / "finess" / "finess_et_dept01_35.csv";

struct Refusal {
  int line;
  std::string finess;
  std::string reason;
};

class FinessImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, eventstore::RocksDbEventStore::Open(
                                     {.path = (dir_.path() / "events").string()}, clock_));
    handler_ = std::make_unique<offre::app::EtablissementHandler>(*store_, clock_, ids_);
    // FINESS imports are for national administrateurs.
    service_ = std::make_unique<offre::api::EtablissementGrpcService>(
        *handler_, offre::api::CallerSource([](const grpc::ServerContextBase&) {
          return absl::StatusOr<authz::Principal>(authz::testing::NationalAdministrateur());
        }));
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::EtablissementService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  absl::StatusOr<FinessImportSummary> Import(const std::string& path) {
    refusals_.clear();
    return ImportFinessFile(path, *stub_, FinessImportOptions{},
                            [&](int line, const std::string& f, const std::string& reason) {
                              refusals_.push_back({line, f, reason});
                            });
  }

  std::string WriteFile(const std::string& name, const std::string& contents) {
    const std::string path = (dir_.path() / name).string();
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  testing::TempDir dir_;
  SystemClock clock_;
  IdGenerator ids_{clock_};
  std::unique_ptr<eventstore::RocksDbEventStore> store_;
  std::unique_ptr<offre::app::EtablissementHandler> handler_;
  std::unique_ptr<offre::api::EtablissementGrpcService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::EtablissementService::Stub> stub_;
  std::vector<Refusal> refusals_;
};

TEST_F(FinessImportTest, TheWholeSampleImportsOnceAndThenChangesNothing) {
  if (!std::filesystem::exists(kSample)) {
    GTEST_SKIP() << "FINESS sample absent (" << kSample << "): shared data not installed";
  }
  ASSERT_OK_AND_ASSIGN(FinessImportSummary first, Import(kSample.string()));
  EXPECT_EQ(first.etablissements.created, 2472);
  EXPECT_EQ(first.etablissements.updated + first.etablissements.unchanged + first.rejected, 0);
  EXPECT_TRUE(refusals_.empty()) << refusals_.front().line << ": " << refusals_.front().reason;

  ASSERT_OK_AND_ASSIGN(FinessImportSummary second, Import(kSample.string()));
  EXPECT_EQ(second.etablissements.created, 0);
  EXPECT_EQ(second.etablissements.updated, 0);
  EXPECT_EQ(second.etablissements.unchanged, 2472);

  ASSERT_OK_AND_ASSIGN(offre::domain::EtablissementState fleyriat, handler_->Get("010000024"));
  EXPECT_EQ(fleyriat.fiche.raison_sociale(), "CH DE FLEYRIAT");
  EXPECT_EQ(fleyriat.fiche.finess_ej(), "010780054");
  EXPECT_EQ(fleyriat.fiche.categorie(), "355");
  EXPECT_TRUE(fleyriat.fiche.has_coordonnees());
  EXPECT_NEAR(fleyriat.fiche.latitude(), 46.2227, 1e-3);
  EXPECT_EQ(fleyriat.version, 1);
  EXPECT_EQ(store_->HeadPosition(), 2472u);  // one event per EG, none on the second import
}

TEST_F(FinessImportTest, ANewerExtractUpdatesWhatChangedAndBadLinesAreReportedByLine) {
  const std::string header =
      "nofinesset,nofinessej,rs,adresse,codepostal,commune,departement,telephone,telecopie,"
      "categetab,libcategetab,categagretab,libcategagretab,siret,codeape,codesph,libsph,dateouv,"
      "datemaj,latitude,longitude,active\n";
  const std::string fleyriat =
      "010000024,010780054,CH DE FLEYRIAT,900 RTE DE PARIS,01440,VIRIAT,01,0474454647,,355,"
      "Centre Hospitalier (C.H.),1102,Centres Hospitaliers,26010004500012,8610Z,1,Etablissement "
      "public de santé,1979-02-13,2020-02-04,46.2227,5.2086,True\n";
  const std::string belley =
      "010000032,010780062,CH HAUT BUGEY,700 AV DE NARVIK,01300,BELLEY,01,0479425959,,355,"
      "Centre Hospitalier (C.H.),1102,Centres Hospitaliers,26010003700019,8610Z,1,Etablissement "
      "public de santé,1901-01-01,2020-11-24,45.7515,5.6805,True\n";
  ASSERT_OK_AND_ASSIGN(FinessImportSummary first,
                       Import(WriteFile("v1.csv", header + fleyriat + belley)));
  EXPECT_EQ(first.etablissements.created, 2);

  std::string moved = fleyriat;
  moved.replace(moved.find("0474454647"), 10, "0474454600");
  moved.replace(moved.find("2020-02-04"), 10, "2021-01-08");
  const std::string bad_siret =
      "010000040,010780070,CH BAD,1 RUE,01000,BOURG,01,,,355,CH,1102,CH,123,8610Z,1,EPS,"
      "2000-01-01,2020-01-01,46.2,5.2,True\n";
  ASSERT_OK_AND_ASSIGN(FinessImportSummary second,
                       Import(WriteFile("v2.csv", header + moved + belley + bad_siret)));
  EXPECT_EQ(second.etablissements.created, 0);
  EXPECT_EQ(second.etablissements.updated, 1);
  EXPECT_EQ(second.etablissements.unchanged, 1);
  EXPECT_EQ(second.rejected, 1);
  ASSERT_EQ(refusals_.size(), 1u);
  EXPECT_EQ(refusals_[0].line, 4);
  EXPECT_EQ(refusals_[0].finess, "010000040");
  EXPECT_THAT(absl::AsciiStrToLower(refusals_[0].reason), HasSubstr("siret"));

  ASSERT_OK_AND_ASSIGN(offre::domain::EtablissementState state, handler_->Get("010000024"));
  EXPECT_EQ(state.fiche.telephone(), "0474454600");
  EXPECT_EQ(state.version, 2);
}

// An etalab extract with its entités juridiques (cs1100501 lines) and an EG of one of them.
TEST_F(FinessImportTest, EntitesJuridiquesAreImportedFirstAndDatedByTheirExtract) {
  const std::string bourg =
      "structureej;010780054;CH DE BOURG EN BRESSE;CENTRE HOSPITALIER DE BOURG EN BRESSE;;900;RTE;"
      "DE PARIS;;;;451;01440 VIRIAT;01;AIN;0474454647;13;Etablissement Public Communal "
      "d'Hospitalisation;355;Centre Hospitalier (C.H.);260100045;8610Z;1979-01-01\n";
  const std::string bad_statut =
      "structureej;010780062;CH HAUT BUGEY;;;700;AV;DE NARVIK;;;;034;01300 BELLEY;01;AIN;;1;EPS;"
      ";;260100037;8610Z;1901-01-01\n";
  const std::string fleyriat =
      "structureet;010000024;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG-EN-BRESSE "
      "FLEYRIAT;;;900;RTE;DE PARIS;;;451;01;AIN;01440 VIRIAT;0474454647;0474454114;355;Centre "
      "Hospitalier (C.H.);1102;Centres Hospitaliers;26010004500012;8610Z;03;ARS;1;Etablissement "
      "public de santé;1979-02-13;1979-02-13;2020-02-04;\n";
  ASSERT_OK_AND_ASSIGN(
      FinessImportSummary first,
      Import(WriteFile("v1.txt", "finess;etalab;3;2021-01-08\n" + bourg + bad_statut + fleyriat)));
  EXPECT_EQ(first.entites_juridiques.created, 1);
  EXPECT_EQ(first.etablissements.created, 1);
  EXPECT_EQ(first.rejected, 1);
  ASSERT_EQ(refusals_.size(), 1u);
  EXPECT_EQ(refusals_[0].line, 3);
  EXPECT_THAT(refusals_[0].reason, HasSubstr("statutjuridique"));

  ASSERT_OK_AND_ASSIGN(offre::domain::EntiteJuridiqueState ej,
                       handler_->GetEntiteJuridique("010780054"));
  EXPECT_EQ(ej.fiche.raison_sociale_longue(), "CENTRE HOSPITALIER DE BOURG EN BRESSE");
  EXPECT_EQ(ej.fiche.statut_juridique(), "13");
  EXPECT_EQ(ej.fiche.siren(), "260100045");
  EXPECT_EQ(ej.fiche.code_commune(), "01451");
  EXPECT_EQ(ej.fiche.date_creation(), "1979-01-01");
  EXPECT_EQ(ej.fiche.date_mise_a_jour_finess(), "2021-01-08");
  EXPECT_EQ(ej.source, "finess-etalab 2021-01-08");

  // A newer extract that says the same changes nothing; an older one that says otherwise changes
  // nothing either; a newer one that does, does.
  ASSERT_OK_AND_ASSIGN(FinessImportSummary same,
                       Import(WriteFile("v1b.txt", "finess;etalab;1;2021-06-30\n" + bourg)));
  EXPECT_EQ(same.entites_juridiques.unchanged, 1);
  std::string renamed = bourg;
  renamed.replace(renamed.find("CH DE BOURG EN BRESSE"), 21, "CH BOURG");
  ASSERT_OK_AND_ASSIGN(FinessImportSummary older,
                       Import(WriteFile("v0.txt", "finess;etalab;1;2020-06-30\n" + renamed)));
  EXPECT_EQ(older.entites_juridiques.unchanged, 1);
  ASSERT_OK_AND_ASSIGN(FinessImportSummary newer,
                       Import(WriteFile("v2.txt", "finess;etalab;1;2022-01-03\n" + renamed)));
  EXPECT_EQ(newer.entites_juridiques.updated, 1);
  ASSERT_OK_AND_ASSIGN(ej, handler_->GetEntiteJuridique("010780054"));
  EXPECT_EQ(ej.fiche.raison_sociale(), "CH BOURG");
  EXPECT_EQ(ej.version, 2);
  EXPECT_EQ(handler_->GetEntiteJuridique("010780062").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(FinessImportTest, AnUnreadableFileFailsNamingIt) {
  absl::StatusOr<FinessImportSummary> missing = Import((dir_.path() / "absent.csv").string());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("absent.csv"));
}

}  // namespace
}  // namespace ror::rorctl
