#include "libs/nomenclature/code_list_file.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kR338[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil";

absl::StatusOr<CodeList> Parse(absl::string_view text,
                               absl::string_view id = "JDV_J20-ChampActivite-ROR") {
  return ParseCodeList(*ParseListId(id), text, "J20.csv");
}

TEST(CodeListFileTest, ReadsTheNationalFormat) {
  ASSERT_OK_AND_ASSIGN(
      CodeList list,
      Parse("\xEF\xBB\xBF" "code,label,code_system\r\n"
            "01,\"Médecine, Chirurgie, Obstétrique (MCO)\",urn:r227\r\n"
            "0011,\"Réalisation de \"\"Mon bilan\"\"\",urn:r210\r\n"));
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list.entries()[0],
            (CodeEntry{"01", "Médecine, Chirurgie, Obstétrique (MCO)", "urn:r227", false}));
  EXPECT_EQ(list.entries()[1].code, "0011");
  EXPECT_EQ(list.entries()[1].label, "Réalisation de \"Mon bilan\"");
  EXPECT_TRUE(list.complete());
}

TEST(CodeListFileTest, ColumnsMayComeInAnyOrder) {
  ASSERT_OK_AND_ASSIGN(CodeList list, Parse("code_system,code,label\nurn:s,01,Un\n"));
  EXPECT_EQ(list.entries()[0], (CodeEntry{"01", "Un", "urn:s", false}));
}

TEST(CodeListFileTest, StatusColumnMarksDeprecatedCodes) {
  ASSERT_OK_AND_ASSIGN(CodeList list, Parse("code,label,code_system,status\n"
                                            "01,Un,urn:s,active\n"
                                            "02,Deux,urn:s,deprecated\n"
                                            "03,Trois,urn:s,\n"));
  EXPECT_FALSE(list.Find("01")->deprecated);
  EXPECT_TRUE(list.Find("02")->deprecated);
  EXPECT_FALSE(list.Find("03")->deprecated);
}

TEST(CodeListFileTest, WithoutStatusColumnKnownDeprecationsApply) {
  ASSERT_OK_AND_ASSIGN(CodeList list,
                       Parse(absl::StrCat("code,label,code_system\n"
                                          "11,Téléexpertise en moins de 7 jours,", kR338, "\n",
                                          "12,Téléexpertise en plus de 7 jours,", kR338, "\n",
                                          "27,Soins à domicile,", kR338, "\n"),
                             "TRE_R338-ModaliteAccueil"));
  EXPECT_FALSE(list.Find("11")->deprecated);
  EXPECT_TRUE(list.Find("12")->deprecated);
  EXPECT_TRUE(list.Find("27")->deprecated);
}

TEST(CodeListFileTest, StatusColumnWinsOverKnownDeprecations) {
  // A code reactivated by a later NOS release is published active: the file decides.
  ASSERT_OK_AND_ASSIGN(CodeList list,
                       Parse(absl::StrCat("code,label,code_system,status\n"
                                          "12,Téléexpertise en plus de 7 jours,", kR338,
                                          ",active\n"),
                             "TRE_R338-ModaliteAccueil"));
  EXPECT_FALSE(list.Find("12")->deprecated);
}

TEST(CodeListFileTest, KnownDeprecationsAreKeyedOnTheSystem) {
  // "12" of another CodeSystem is not R338's deprecated 12.
  ASSERT_OK_AND_ASSIGN(CodeList list, Parse("code,label,code_system\n12,Douze,urn:other\n"));
  EXPECT_FALSE(list.Find("12")->deprecated);
}

TEST(CodeListFileTest, ErrorsNameTheSourceAndLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"code,label,code_system\n01,Un,s\n02,Médecine, Chirurgie,s\n",
       "J20.csv : ligne 3 : 4 champs au lieu de 3 (une virgule dans un libellé non cité ?)"},
      {"code,label,code_system\n01,Un\n", "J20.csv : ligne 2 : 2 champs au lieu de 3"},
      {"code,label,code_system\n\n01,\"Un,s\n", "J20.csv : ligne 3 : champ entre guillemets"},
      {"code,libelle,code_system\n", "J20.csv : ligne 1 : colonne « libelle » inconnue"},
      {"code,label\n", "J20.csv : ligne 1 : en-tête « code,label » : colonnes code, label et "
                       "code_system attendues"},
      {"code,label,code,code_system\n", "ligne 1 : colonne « code » en double"},
      {"code,label,code_system,status\n01,Un,s,obsolete\n",
       "ligne 2 : statut « obsolete » inconnu"},
      {"code,label,code_system\n01,,s\n", "ligne 2 : libellé vide pour le code 01"},
      {"code,label,code_system\n 01,Un,s\n", "ligne 2 : espaces autour du code \" 01\""},
      {"code,label,code_system\n,Un,s\n", "ligne 2 : code vide"},
      {"code,label,code_system\n01,Un,\n", "ligne 2 : système de codes (code_system) vide"},
      {"", "J20.csv : fichier vide"},
      {"\n\n", "J20.csv : fichier vide"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(Parse(c.text), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message)))
        << c.text;
  }
  EXPECT_THAT(Parse("code,label,code_system\n01,Un,s\n01,Encore,s\n"),
              StatusIs(absl::StatusCode::kAlreadyExists,
                       HasSubstr("J20.csv : ligne 3 : code 01 en double pour le système s")));
}

TEST(CodeListFileTest, HeaderOnlyIsAnEmptyList) {
  ASSERT_OK_AND_ASSIGN(CodeList list, Parse("code,label,code_system\n"));
  EXPECT_EQ(list.size(), 0u);
}

TEST(CodeListFileTest, FileNameMustBeAListName) {
  EXPECT_THAT(LoadCodeListFile("/nowhere/champs.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("/nowhere/champs.csv : nom de nomenclature « champs »")));
}

TEST(CodeListFileTest, MissingFileIsNotFound) {
  EXPECT_THAT(LoadCodeListFile("/nowhere/JDV_J20-ChampActivite-ROR.csv"),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("/nowhere/JDV_J20-ChampActivite-ROR.csv")));
}

}  // namespace
}  // namespace ror::nomenclature
