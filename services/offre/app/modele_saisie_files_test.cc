#include "services/offre/app/modele_saisie_files.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"

namespace ror::offre::app {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pointee;
using ::testing::Property;

constexpr char kModelesDir[] = ROR_MODELES_DIR;
constexpr char kNomenclaturesDir[] = ROR_NOMENCLATURES_DIR;

void Write(const std::filesystem::path& file, absl::string_view text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

constexpr char kEhpad[] = R"({
  "id": "500/01", "version": 1, "titre": "Hébergement en EHPAD",
  "categories_eg": ["500"], "champs_activite": ["04"],
  "prefill": {"type_offre": "21"},
  "restrictions": [{"champ": "mode_prise_en_charge", "codes": ["46", "47"]}]
})";

std::vector<std::string> Ids(const std::vector<const v1::ModeleSaisie*>& modeles) {
  std::vector<std::string> ids;
  for (const v1::ModeleSaisie* m : modeles) ids.push_back(absl::StrCat(m->id(), "@", m->version()));
  return ids;
}

// What the repository ships, whichever set of lists the service runs with.
void ExpectTheRepositoryTemplates(const domain::ModeleCatalog& catalog) {
  EXPECT_GE(catalog.size(), 5u);
  EXPECT_THAT(catalog.Latest("139/01"), Pointee(Property(&v1::ModeleSaisie::version, 2)));
  ASSERT_NE(catalog.Find("139/01", 1), nullptr);
  EXPECT_EQ(catalog.Find("139/01", 1)->titre(),
            "Unité hospitalière de chirurgie viscérale et digestive");
  EXPECT_EQ(catalog.Find("139/01", 1)->prefill().mode_prise_en_charge(), "28");  // HC
  EXPECT_EQ(catalog.Find("139/01", 1)->prefill().type_offre(), "153");
  EXPECT_THAT(catalog.Latest("MS-141"),
              Pointee(Property(&v1::ModeleSaisie::titre, "Unité hospitalière de gynécologie")));
  EXPECT_NE(catalog.Latest("991/01"), nullptr);
  EXPECT_THAT(Ids(catalog.Applicable("355", "01")),
              ElementsAre("020/01@1", "139/01@2", "149/01@1", "991/01@1", "MS-141@1"));
  EXPECT_THAT(Ids(catalog.Applicable("292", "")), ElementsAre("174/01@1"));
  EXPECT_THAT(Ids(catalog.Applicable("109", "02")), ElementsAre("102/01@1"));
  EXPECT_THAT(Ids(catalog.Applicable("122", "01")), ElementsAre("MS-141@1"));
  EXPECT_THAT(Ids(catalog.Applicable("500", "04")), ElementsAre("500/01@1"));
  EXPECT_THAT(Ids(catalog.Applicable("500", "01")), IsEmpty());
}

TEST(ModeleSaisieFilesTest, RepositoryTemplatesLoadWithTheBuiltInLists) {
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  ASSERT_OK_AND_ASSIGN(domain::ModeleCatalog catalog, LoadModeleCatalog(kModelesDir, codes));
  ExpectTheRepositoryTemplates(catalog);
}

TEST(ModeleSaisieFilesTest, RepositoryTemplatesLoadWithTheNationalLists) {
  if (!std::filesystem::is_directory(kNomenclaturesDir)) {
    GTEST_SKIP() << "national nomenclatures not found at " << kNomenclaturesDir
                 << " (shared/data/nomenclatures next to the repository); the templates were "
                    "checked against the built-in lists only";
  }
  ASSERT_OK_AND_ASSIGN(nomenclature::Nomenclatures codes,
                       nomenclature::Nomenclatures::LoadDirectory(kNomenclaturesDir));
  ASSERT_OK_AND_ASSIGN(domain::ModeleCatalog catalog, LoadModeleCatalog(kModelesDir, codes));
  ExpectTheRepositoryTemplates(catalog);
}

TEST(ModeleSaisieFilesTest, RepositoryFilesAreNamedAfterTheirIdAndVersion) {
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ModeleSaisie> modeles, LoadModeleFiles(kModelesDir));
  std::vector<std::string> names;
  for (const v1::ModeleSaisie& m : modeles) names.push_back(ModeleFileName(m));
  EXPECT_THAT(names, ElementsAre("020-01.v1.json", "102-01.v1.json", "139-01.v1.json",
                                 "139-01.v2.json", "149-01.v1.json", "174-01.v1.json",
                                 "500-01.v1.json", "991-01.v1.json", "MS-141.v1.json"));
}

TEST(ModeleSaisieFilesTest, OnlyJsonFilesAreReadInNameOrder) {
  ror::testing::TempDir dir;
  Write(dir.path() / "500-01.v1.json", kEhpad);
  std::string v2 = kEhpad;
  v2.replace(v2.find("\"version\": 1"), 12, "\"version\": 2");
  Write(dir.path() / "500-01.v2.json", v2);
  Write(dir.path() / "README.md", "not a template");
  Write(dir.path() / "500-01.v3.json.bak", "{");
  std::filesystem::create_directory(dir.path() / "old.json");
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ModeleSaisie> modeles, LoadModeleFiles(dir.path()));
  ASSERT_EQ(modeles.size(), 2u);
  EXPECT_EQ(modeles[0].version(), 1);
  EXPECT_EQ(modeles[1].version(), 2);
  EXPECT_EQ(modeles[0].restrictions(0).codes(1), "47");
}

TEST(ModeleSaisieFilesTest, AnEmptyDirectoryHasNoTemplate) {
  ror::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ModeleSaisie> modeles, LoadModeleFiles(dir.path()));
  EXPECT_THAT(modeles, IsEmpty());
}

TEST(ModeleSaisieFilesTest, AMissingDirectoryIsNotFound) {
  ror::testing::TempDir dir;
  EXPECT_THAT(LoadModeleFiles(dir.path() / "absent"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("absent")));
  Write(dir.path() / "file", "");
  EXPECT_THAT(LoadModeleFiles(dir.path() / "file"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("pas un répertoire")));
}

TEST(ModeleSaisieFilesTest, AnUnknownFieldIsRefusedNamingTheFile) {
  ror::testing::TempDir dir;
  std::string misspelt = kEhpad;
  misspelt.replace(misspelt.find("\"restrictions\""), 14, "\"restriction\"");
  Write(dir.path() / "500-01.v1.json", misspelt);
  Write(dir.path() / "MS-141.v1.json", "{\"id\": \"MS-141\", ");
  EXPECT_THAT(LoadModeleFiles(dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("500-01.v1.json : JSON invalide"), HasSubstr("restriction"),
                             HasSubstr("MS-141.v1.json : JSON invalide"))));
}

TEST(ModeleSaisieFilesTest, ACopyWhoseVersionWasNotChangedIsRefused) {
  ror::testing::TempDir dir;
  Write(dir.path() / "500-01.v1.json", kEhpad);
  Write(dir.path() / "500-01.v2.json", kEhpad);  // copied for a new version, still says 1
  EXPECT_THAT(LoadModeleFiles(dir.path()),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("500-01.v2.json : le modèle 500/01 version 1 doit être dans le "
                                 "fichier 500-01.v1.json")));
}

TEST(ModeleSaisieFilesTest, ADuplicateVersionIsRefusedByTheCatalog) {
  // Files named after their content cannot hold the same version twice; templates gathered from
  // elsewhere can, and Build refuses them.
  ror::testing::TempDir dir;
  Write(dir.path() / "500-01.v1.json", kEhpad);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ModeleSaisie> modeles, LoadModeleFiles(dir.path()));
  modeles.push_back(modeles.front());
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  EXPECT_THAT(domain::ModeleCatalog::Build(modeles, codes).status(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("500/01 v1.version : le modèle de saisie 500/01 est donné deux "
                                 "fois en version 1")));
}

TEST(ModeleSaisieFilesTest, ATemplateBreakingARuleFailsTheCatalog) {
  ror::testing::TempDir dir;
  std::string bad = kEhpad;
  bad.replace(bad.find("\"46\""), 4, "\"9999\"");
  Write(dir.path() / "500-01.v1.json", bad);
  const nomenclature::Nomenclatures codes = nomenclature::Nomenclatures::BuiltIn();
  EXPECT_THAT(LoadModeleCatalog(dir.path(), codes),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("500/01 v1.restrictions[0].codes[0] : code 9999 inconnu")));
}

}  // namespace
}  // namespace ror::offre::app
