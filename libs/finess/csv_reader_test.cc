// The flattened CSV through the public entry point ReadFinessText.

#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::ReadText;
using ::ror::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kHeader[] =
    "nofinesset,nofinessej,rs,adresse,codepostal,commune,departement,telephone,telecopie,"
    "categetab,libcategetab,categagretab,libcategagretab,siret,codeape,codesph,libsph,dateouv,"
    "datemaj,latitude,longitude,active\r\n";
constexpr char kGex[] =
    "010000081,010780112,CH DU PAYS DE GEX,160 R MARC PANISSOD | BP 437,01174,GEX CEDEX,01,"
    "0450403838,,106,\"Centre hospitalier, ex Hôpital local\",1106,Hôpitaux Locaux,"
    "26010010200011,8610Z,1,Etablissement public de santé,1901-01-01,2020-02-04,"
    "46.322337662187344,6.057731436787205,True\r\n";
constexpr char kLucioles[] =
    "010003978,010003929,\"\"\"ACCUEIL DE JOUR \"\"\"\"AUX  LUCIOLES\"\"\"\"\"\"\",R DU COLLÈGE,"
    "01600,REYRIEUX,01,0474008501,,207,Centre de Jour pour Personnes Agées,4402,Services de "
    "Maintien à Domicile pour Personnes Âgées,49202003700023,,,,2006-10-11,2013-03-04,"
    "45.929842188712115,4.8147934798063785,False\r\n";

TEST(CsvReaderTest, ReadsRowsAsGiven) {
  Collected c = ReadText(absl::StrCat(kHeader, kGex, kLucioles));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 2u);
  const EtablissementRecord& gex = c.records[0];
  EXPECT_EQ(gex.line, 2);
  EXPECT_EQ(gex.finess_eg, "010000081");
  EXPECT_EQ(gex.finess_ej, "010780112");
  EXPECT_EQ(gex.adresse, "160 R MARC PANISSOD | BP 437");
  EXPECT_EQ(gex.code_postal, "01174");
  EXPECT_EQ(gex.commune, "GEX CEDEX");
  EXPECT_THAT(gex.code_commune, IsEmpty());
  EXPECT_EQ(gex.libelle_categorie, "Centre hospitalier, ex Hôpital local");
  EXPECT_EQ(gex.date_ouverture, absl::CivilDay(1901, 1, 1));
  EXPECT_EQ(gex.date_mise_a_jour, absl::CivilDay(2020, 2, 4));
  EXPECT_DOUBLE_EQ(*gex.latitude, 46.322337662187344);
  EXPECT_DOUBLE_EQ(*gex.longitude, 6.057731436787205);
  EXPECT_FALSE(gex.ferme);

  const EtablissementRecord& lucioles = c.records[1];
  EXPECT_EQ(lucioles.raison_sociale, "\"ACCUEIL DE JOUR \"\"AUX  LUCIOLES\"\"\"");
  EXPECT_EQ(lucioles.adresse, "R DU COLLÈGE");
  EXPECT_THAT(lucioles.code_sph, IsEmpty());
  EXPECT_TRUE(lucioles.ferme);  // active False

  EXPECT_EQ(c.info.format, FinessFormat::kFlatCsv);
  EXPECT_EQ(c.info.records, 2);
  EXPECT_EQ(c.info.geolocated, 2);
  EXPECT_FALSE(c.info.extract_date.has_value());
}

TEST(CsvReaderTest, ColumnsAreFoundByNameAndExtraOnesIgnored) {
  Collected c = ReadText(
      "extra,nofinesset,rs,nofinessej,adresse,codepostal,commune,departement,telephone,telecopie,"
      "categetab,libcategetab,categagretab,libcategagretab,siret,codeape,codesph,libsph,dateouv,"
      "datemaj,latitude,longitude,active\n"
      "x,010000024,CH DE FLEYRIAT,010780054,,01440,VIRIAT,01,,,355,CH,1102,CH,,,,,,,,,True\n");
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].finess_ej, "010780054");
  EXPECT_FALSE(c.records[0].latitude.has_value());
}

TEST(CsvReaderTest, MissingColumnIsAnError) {
  Collected c = ReadText("nofinesset,nofinessej,rs\n010000024,010780054,CH\n");
  EXPECT_THAT(c.status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("adresse")));
}

TEST(CsvReaderTest, BadRowsAreRejectedWithTheirLine) {
  std::string bad_lat = kGex;
  bad_lat.replace(bad_lat.find("46.322337662187344"), 18, "146.3");
  std::string bad_active = kGex;
  bad_active.replace(bad_active.find("True"), 4, "Oui");
  std::string one_coordinate = kGex;
  one_coordinate.replace(one_coordinate.find("6.057731436787205"), 17, "");
  Collected c = ReadText(absl::StrCat(kHeader,
                                      "010000081,trop,court\n",       // 2
                                      bad_lat,                        // 3
                                      kGex,                           // 4
                                      "1,\"multi\nligne\",\"x\"y\n",  // 5-6
                                      bad_active,                     // 7
                                      kGex,                           // 8: duplicate
                                      one_coordinate,                 // 9
                                      "\n"));                         // 10: blank
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].line, 4);
  ASSERT_EQ(c.rejections.size(), 6u);
  EXPECT_EQ(c.rejections[0].line, 2);
  EXPECT_EQ(c.rejections[0].finess, "010000081");
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("3 champs au lieu de 22"));
  EXPECT_EQ(c.rejections[1].line, 3);
  EXPECT_THAT(c.rejections[1].reason, HasSubstr("latitude : 146.3 hors de [-90, 90]"));
  EXPECT_EQ(c.rejections[2].line, 5);
  EXPECT_THAT(c.rejections[2].reason, HasSubstr("après un guillemet fermant"));
  EXPECT_EQ(c.rejections[3].line, 7);
  EXPECT_THAT(c.rejections[3].reason, HasSubstr("active : « Oui »"));
  EXPECT_EQ(c.rejections[4].line, 8);
  EXPECT_THAT(c.rejections[4].reason, HasSubstr("déjà présent ligne 4"));
  EXPECT_EQ(c.rejections[5].line, 9);
  EXPECT_THAT(c.rejections[5].reason, HasSubstr("une seule des deux coordonnées"));
}

TEST(CsvReaderTest, Latin1CsvIsConverted) {
  std::string latin1 =
      "010000024,010780054,H\xD4PITAL,,01440,VIRIAT,01,,,355,Centre de sant\xE9,1102,x,,,,,,,,,"
      "True\n";
  Collected c = ReadText(absl::StrCat(kHeader, latin1));
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].raison_sociale, "HÔPITAL");
  EXPECT_EQ(c.records[0].libelle_categorie, "Centre de santé");
  EXPECT_EQ(c.info.encoding, TextEncoding::kLatin1);
}

}  // namespace
}  // namespace ror::finess
