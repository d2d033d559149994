#include "libs/nomenclature/nomenclatures.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kJ20[] =
    "code,label,code_system\n"
    "01,\"Médecine, Chirurgie, Obstétrique (MCO)\",urn:r227\n"
    "02,Soins Médicaux et de réadaptation (SMR),urn:r227\n";
constexpr char kR338[] =
    "code,label,code_system\n"
    "01,Accueil séquentiel accepté,urn:r338\n";

// A fresh directory per test under the test's temporary directory.
class NomenclaturesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) / "nomenclatures" / info->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }

  void Write(const std::string& name, absl::string_view text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  std::filesystem::path dir_;
};

TEST_F(NomenclaturesTest, LoadsEveryCsvOfTheDirectory) {
  Write("JDV_J238-TypeOffre-ROR.csv", "code,label,code_system\n16,Unité,urn:r244\n");
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  Write("TRE_R338-ModaliteAccueil.csv", kR338);
  Write("README.md", "not a list");
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  EXPECT_EQ(set.source(), dir_.string());
  std::vector<std::string> ids;
  for (const CodeList& list : set.lists()) ids.push_back(list.short_id());
  // J238 after J20: numeric order; J220, J222 and J225 are the supplementary lists.
  EXPECT_THAT(ids, ElementsAre("J20", "J220", "J222", "J225", "J238", "R338"));
}

TEST_F(NomenclaturesTest, SupplementaryListsCompleteTheDirectoryAndTheBuiltInSet) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  ASSERT_OK_AND_ASSIGN(Nomenclatures loaded, Nomenclatures::LoadDirectory(dir_));
  const Nomenclatures built_in = Nomenclatures::BuiltIn();
  for (const Nomenclatures* set : std::vector<const Nomenclatures*>{&loaded, &built_in}) {
    const CodeList* fonctions = set->Find("J220");
    ASSERT_NE(fonctions, nullptr);
    EXPECT_EQ(fonctions->size(), 28u);
    EXPECT_TRUE(fonctions->complete());
    ASSERT_NE(fonctions->Find("05"), nullptr);
    EXPECT_EQ(fonctions->Find("05")->label, "Secrétaire");
    EXPECT_TRUE(fonctions->Find("14")->deprecated);
    ASSERT_NE(set->Find("J222"), nullptr);
    EXPECT_EQ(set->Find("J222")->Find("3")->label, "Accès très restreint");
    const CodeList* canaux = set->Find("J225");
    ASSERT_NE(canaux, nullptr);
    EXPECT_EQ(canaux->size(), 10u);
    EXPECT_EQ(canaux->systems().size(), 2u);
    ASSERT_NE(canaux->Find("MSSANTE"), nullptr);
  }
}

TEST_F(NomenclaturesTest, AFileOfASupplementaryListReplacesIt) {
  Write("JDV_J222-NiveauConfidentialite-ROR.csv",
        "code,label,code_system\n1,Public,urn:r283\n");
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  ASSERT_NE(set.Find("J222"), nullptr);
  EXPECT_EQ(set.Find("J222")->size(), 1u);
  EXPECT_EQ(set.Find("J222")->Find("1")->label, "Public");
}

TEST_F(NomenclaturesTest, FindsAListByShortIdFullNameOrUrl) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  const CodeList* j20 = set.Find("J20");
  ASSERT_NE(j20, nullptr);
  EXPECT_EQ(j20->size(), 2u);
  EXPECT_EQ(set.Find("JDV_J20-ChampActivite-ROR"), j20);
  EXPECT_EQ(set.Find("https://mos.esante.gouv.fr/NOS/JDV_J20-ChampActivite-ROR/FHIR/"
                     "JDV-J20-ChampActivite-ROR"),
            j20);
  EXPECT_EQ(set.Find("j20"), nullptr);
  EXPECT_EQ(set.Find("J2"), nullptr);
  EXPECT_EQ(set.Find("ChampActivite"), nullptr);
}

TEST_F(NomenclaturesTest, AnExtractedCodeSystemStandsInForItsJdv) {
  Write("TRE_R338-ModaliteAccueil.csv", kR338);
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  ASSERT_NE(set.Find("R338"), nullptr);
  EXPECT_EQ(set.Find("J226"), set.Find("R338"));
}

TEST_F(NomenclaturesTest, TheJdvItselfWinsOverItsStandIn) {
  Write("TRE_R338-ModaliteAccueil.csv", kR338);
  Write("JDV_J226-ModaliteAccueil-ROR.csv", kR338);
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  ASSERT_NE(set.Find("J226"), nullptr);
  EXPECT_EQ(set.Find("J226")->id(), "JDV_J226-ModaliteAccueil-ROR");
}

TEST_F(NomenclaturesTest, ListPointersSurviveAMove) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  ASSERT_OK_AND_ASSIGN(Nomenclatures set, Nomenclatures::LoadDirectory(dir_));
  const CodeList* before = set.Find("J20");
  const CodeEntry* entry = before->Find("01");
  Nomenclatures moved = std::move(set);
  EXPECT_EQ(moved.Find("J20"), before);
  EXPECT_EQ(moved.Find("J20")->Find("01"), entry);
}

TEST_F(NomenclaturesTest, MissingDirectoryIsNotFoundNamingIt) {
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_ / "absent"),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("répertoire des nomenclatures introuvable"),
                             HasSubstr((dir_ / "absent").string()))));
}

TEST_F(NomenclaturesTest, AFileIsNotADirectory) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_ / "JDV_J20-ChampActivite-ROR.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("n'est pas un répertoire")));
}

TEST_F(NomenclaturesTest, DirectoryWithoutListsIsNotFound) {
  Write("README.md", "nothing here");
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_),
              StatusIs(absl::StatusCode::kNotFound,
                       AllOf(HasSubstr("aucune nomenclature"), HasSubstr(dir_.string()))));
}

TEST_F(NomenclaturesTest, MalformedLineNamesFileAndLine) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  Write("TRE_R338-ModaliteAccueil.csv",
        "code,label,code_system\n01,Un,urn:r338\n02,\"Deux, non fermé,urn:r338\n");
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr((dir_ / "TRE_R338-ModaliteAccueil.csv").string() +
                                 " : ligne 3 : champ entre guillemets jamais refermé")));
}

TEST_F(NomenclaturesTest, UnrecognisedFileNameIsAnError) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  Write("champs.csv", kJ20);
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("champs.csv")));
}

TEST_F(NomenclaturesTest, TwoFilesForOneListAreAnError) {
  Write("JDV_J20-ChampActivite-ROR.csv", kJ20);
  Write("JDV_J20-ChampActiviteV2-ROR.csv", kJ20);
  EXPECT_THAT(Nomenclatures::LoadDirectory(dir_),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("nomenclature J20 présente deux fois")));
}

}  // namespace
}  // namespace ror::nomenclature
