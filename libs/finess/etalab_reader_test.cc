// The etalab format through the public entry point ReadFinessText.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::DistanceMetres;
using ::ror::finess::testing::ReadText;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kManifest[] = "finess;etalab;3;2021-01-08";
// The CH de Fleyriat as the official extract writes it.
constexpr char kFleyriat[] =
    "structureet;010000024;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG-EN-BRESSE "
    "FLEYRIAT;;;900;RTE;DE PARIS;;;451;01;AIN;01440 VIRIAT;0474454647;0474454114;355;Centre "
    "Hospitalier (C.H.);1102;Centres Hospitaliers;26010004500012;8610Z;03;ARS établissements "
    "Publics de santé dotation globale;1;Etablissement public de santé;1979-02-13;1979-02-13;"
    "2020-02-04;";
constexpr char kFleyriatGeo[] =
    "geolocalisation;010000024;870215.7;6571590.5;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,"
    "LAMBERT_93;2021-01-04";
// Synthetic: number with compvoie, BP, no long name, no dates but datemaj.
constexpr char kBelley[] =
    "structureet;010000107;010780013;CH HAUT BUGEY;;;;700;AV;DE NARVIK;B;BP 139;034;01;AIN;"
    "01300 BELLEY;0479425959;;355;Centre Hospitalier (C.H.);1102;Centres Hospitaliers;;;;;;;"
    ";;2020-11-24;";
constexpr char kBelleyGeo[] =
    "geolocalisation;010000107;912880.0;6518302.2;2,ATLASANTE,53,BAN,EPSG:2154 RGF93 / "
    "Lambert-93 (Métropole);2026-05-04";
constexpr char kGuadeloupe[] =
    "structureet;970100012;970100103;POLYCLINIQUE DE LA GUADELOUPE;;;;;;MORNE JOLIVIERE;;;101;"
    "9A;GUADELOUPE;97139 LES ABYMES;0590821963;;365;Etablissement de Soins "
    "Pluridisciplinaire;1110;Etablissements de Soins de Courte Durée;;;;;;;;1969-03-01;"
    "2010-08-25;";
constexpr char kGuadeloupeGeo[] =
    "geolocalisation;970100012;657242.9;1795384.4;2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone "
    "20N (Antilles);2026-05-04";

std::string Lines(std::initializer_list<absl::string_view> lines) {
  return absl::StrCat(absl::StrJoin(lines, "\n"), "\n");
}

TEST(EtalabReaderTest, ReadsTheOfficialRecordJoinedWithItsPosition) {
  Collected c = ReadText(Lines({kManifest, kFleyriat, kFleyriatGeo}));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 1u);
  const EtablissementRecord& r = c.records[0];
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(r.finess_eg, "010000024");
  EXPECT_EQ(r.finess_ej, "010780054");
  EXPECT_EQ(r.raison_sociale, "CH DE FLEYRIAT");
  EXPECT_EQ(r.raison_sociale_longue, "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT");
  EXPECT_EQ(r.adresse, "900 RTE DE PARIS");
  EXPECT_EQ(r.code_postal, "01440");
  EXPECT_EQ(r.commune, "VIRIAT");
  EXPECT_EQ(r.code_commune, "01451");
  EXPECT_EQ(r.departement, "01");
  EXPECT_EQ(r.telephone, "0474454647");
  EXPECT_EQ(r.telecopie, "0474454114");
  EXPECT_EQ(r.categorie, "355");
  EXPECT_EQ(r.libelle_categorie, "Centre Hospitalier (C.H.)");
  EXPECT_EQ(r.categorie_agregee, "1102");
  EXPECT_EQ(r.libelle_categorie_agregee, "Centres Hospitaliers");
  EXPECT_EQ(r.siret, "26010004500012");
  EXPECT_EQ(r.code_ape, "8610Z");
  EXPECT_EQ(r.code_sph, "1");
  EXPECT_EQ(r.libelle_sph, "Etablissement public de santé");
  EXPECT_EQ(r.date_ouverture, absl::CivilDay(1979, 2, 13));
  EXPECT_EQ(r.date_autorisation, absl::CivilDay(1979, 2, 13));
  EXPECT_EQ(r.date_mise_a_jour, absl::CivilDay(2020, 2, 4));
  ASSERT_TRUE(r.latitude && r.longitude);
  // The flattened CSV gives the same establishment at 46.22274479119414, 5.2085961326419605.
  EXPECT_LT(DistanceMetres(*r.latitude, *r.longitude, 46.22274479119414, 5.2085961326419605), 1.0);
  EXPECT_THAT(r.note_geolocalisation, IsEmpty());
  EXPECT_FALSE(r.ferme);

  EXPECT_EQ(c.info.format, FinessFormat::kEtalab);
  EXPECT_EQ(c.info.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(c.info.extract_date, absl::CivilDay(2021, 1, 8));
  EXPECT_EQ(c.info.declared_count, 3);
  EXPECT_EQ(c.info.lines, 3);
  EXPECT_EQ(c.info.records, 1);
  EXPECT_EQ(c.info.rejections, 0);
  EXPECT_EQ(c.info.geolocated, 1);
}

TEST(EtalabReaderTest, ComposesTheAddressWithComplementAndBoitePostale) {
  Collected c = ReadText(Lines({kManifest, kBelley, kBelleyGeo}));
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u) << c.rejections[0].reason;
  const EtablissementRecord& r = c.records[0];
  EXPECT_EQ(r.adresse, "700 B AV DE NARVIK | BP 139");
  EXPECT_EQ(r.code_commune, "01034");
  EXPECT_FALSE(r.date_ouverture.has_value());
  EXPECT_EQ(r.date_mise_a_jour, absl::CivilDay(2020, 11, 24));
  // Recent extracts name the projection by its EPSG code.
  EXPECT_TRUE(r.latitude.has_value());
}

TEST(EtalabReaderTest, GeolocalisationBeforeItsEstablishmentIsJoinedToo) {
  Collected c = ReadText(Lines({kManifest, kFleyriatGeo, kBelleyGeo, kBelley, kFleyriat}));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].finess_eg, "010000107");  // file order
  EXPECT_EQ(c.records[0].line, 4);
  EXPECT_EQ(c.records[1].line, 5);
  EXPECT_TRUE(c.records[0].latitude.has_value());
  EXPECT_TRUE(c.records[1].latitude.has_value());
}

TEST(EtalabReaderTest, OverseasCoordinatesAreLeftEmptyWithANote) {
  Collected c = ReadText(Lines({kManifest, kGuadeloupe, kGuadeloupeGeo}));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 1u);
  const EtablissementRecord& r = c.records[0];
  EXPECT_EQ(r.departement, "9A");
  EXPECT_EQ(r.code_commune, "97101");  // Les Abymes
  EXPECT_EQ(r.code_postal, "97139");
  EXPECT_EQ(r.commune, "LES ABYMES");
  EXPECT_FALSE(r.latitude.has_value());
  EXPECT_FALSE(r.longitude.has_value());
  EXPECT_THAT(r.note_geolocalisation, HasSubstr("UTM Zone 20N"));
  EXPECT_THAT(r.note_geolocalisation, HasSubstr("non converties"));
  EXPECT_EQ(c.info.not_converted, 1);
  EXPECT_EQ(c.info.geolocated, 0);
}

TEST(EtalabReaderTest, EstablishmentWithoutGeolocalisationSaysSo) {
  Collected c = ReadText(Lines({kManifest, kFleyriat}));
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_FALSE(c.records[0].latitude.has_value());
  EXPECT_THAT(c.records[0].note_geolocalisation, HasSubstr("aucune ligne geolocalisation"));
}

TEST(EtalabReaderTest, Latin1LineIsConverted) {
  // "CENTRE MÉDICAL" and "Santé" in Latin-1, as older extracts are written.
  std::string latin1 =
      "structureet;010000115;010780013;CENTRE M\xC9"
      "DICAL;;;;1;R;DE L'\xC9GLISE;;;053;01;AIN;"
      "01000 BOURG EN BRESSE;;;355;Centre de Sant\xE9;1102;Centres;;;;;;;;;2020-01-01;";
  Collected c = ReadText(Lines({kManifest, latin1}));
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u) << c.rejections[0].reason;
  EXPECT_EQ(c.records[0].raison_sociale, "CENTRE MÉDICAL");
  EXPECT_EQ(c.records[0].adresse, "1 R DE L'ÉGLISE");
  EXPECT_EQ(c.records[0].libelle_categorie, "Centre de Santé");
  EXPECT_EQ(c.info.encoding, TextEncoding::kLatin1);
  EXPECT_EQ(c.info.latin1_lines, 1);
}

TEST(EtalabReaderTest, Utf8AndLatin1LinesInOneFile) {
  std::string latin1 =
      "structureet;010000115;010780013;CENTRE M\xC9"
      "DICAL;;;;;;;;;053;01;AIN;"
      "01000 BOURG EN BRESSE;;;355;x;1102;y;;;;;;;;;2020-01-01;";
  Collected c = ReadText(Lines({kManifest, kFleyriat, latin1}));
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].libelle_sph, "Etablissement public de santé");
  EXPECT_EQ(c.records[1].raison_sociale, "CENTRE MÉDICAL");
  EXPECT_EQ(c.info.encoding, TextEncoding::kMixed);
}

TEST(EtalabReaderTest, CrlfLinesAndThirtyOneFieldRecords) {
  // The column spec stops at datemaj; a record without the trailing numuai is accepted.
  std::string without_numuai(kFleyriat);
  without_numuai.pop_back();
  Collected c =
      ReadText(absl::StrCat(kManifest, "\r\n", without_numuai, "\r\n", kFleyriatGeo, "\r\n"));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].date_mise_a_jour, absl::CivilDay(2020, 2, 4));
  EXPECT_TRUE(c.records[0].latitude.has_value());
}

TEST(EtalabReaderTest, BadLinesAreRejectedWithTheirLineAndTheRestIsRead) {
  std::string bad_key(kBelley);
  bad_key.replace(bad_key.find("010000107"), 9, "010000108");
  std::string bad_date(kBelley);
  bad_date.replace(bad_date.find("2020-11-24"), 10, "2020-02-30");
  std::string short_line = "structureet;010000115;010780013;TROP COURT";
  Collected c = ReadText(Lines({
      kManifest,                                                    // 1
      bad_key,                                                      // 2
      kFleyriat,                                                    // 3
      short_line,                                                   // 4
      bad_date,                                                     // 5
      "structureej;010780054;CH",                                   // 6
      "geolocalisation;010000024;870215.7;65715905.0;LAMBERT_93;",  // 7: out of the domain
      "geolocalisation;350000121;350000.0;6780000.0;LAMBERT_93;",   // 8: no such establishment
      kFleyriat,                                                    // 9: duplicate
      "geolocalisation;010000107;abc;6518302.2;LAMBERT_93;",        // 10
      "",                                                           // 11: blank, ignored
  }));
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].line, 3);
  EXPECT_FALSE(c.records[0].latitude.has_value());
  EXPECT_THAT(c.records[0].note_geolocalisation, HasSubstr("rejetée (ligne 7)"));

  ASSERT_EQ(c.rejections.size(), 8u);
  EXPECT_EQ(c.rejections[0].line, 2);
  EXPECT_EQ(c.rejections[0].finess, "010000108");
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("nofinesset"));
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("clé de contrôle"));
  EXPECT_EQ(c.rejections[1].line, 4);
  EXPECT_THAT(c.rejections[1].reason, HasSubstr("4 champs au lieu de 32"));
  EXPECT_EQ(c.rejections[2].line, 5);
  EXPECT_THAT(c.rejections[2].reason, HasSubstr("datemaj : date « 2020-02-30 » illisible"));
  EXPECT_EQ(c.rejections[3].line, 6);
  EXPECT_EQ(c.rejections[3].finess, "010780054");
  EXPECT_THAT(c.rejections[3].reason,
              HasSubstr("l'appelant ne lit que les établissements géographiques"));
  EXPECT_EQ(c.rejections[4].line, 7);
  EXPECT_THAT(c.rejections[4].reason, HasSubstr("hors du domaine Lambert-93"));
  EXPECT_EQ(c.rejections[5].line, 9);
  EXPECT_THAT(c.rejections[5].reason, HasSubstr("déjà présent ligne 3"));
  EXPECT_EQ(c.rejections[6].line, 10);
  EXPECT_THAT(c.rejections[6].reason, HasSubstr("coordxet : nombre « abc » illisible"));
  // Orphans are known only at the end.
  EXPECT_EQ(c.rejections[7].line, 8);
  EXPECT_EQ(c.rejections[7].finess, "350000121");
  EXPECT_THAT(c.rejections[7].reason, HasSubstr("aucun établissement"));

  EXPECT_EQ(c.info.records, 1);
  EXPECT_EQ(c.info.rejections, 8);
}

TEST(EtalabReaderTest, SeveralProblemsOfOneRecordAreReportedTogether) {
  std::string bad(kFleyriat);
  bad.replace(bad.find("01440 VIRIAT"), 12, "VIRIAT");
  bad.replace(bad.find(";355;"), 5, ";35;");
  Collected c = ReadText(Lines({kManifest, bad}));
  ASSERT_EQ(c.rejections.size(), 1u);
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("ligneacheminement : « VIRIAT »"));
  EXPECT_THAT(c.rejections[0].reason, HasSubstr(" ; categetab : « 35 »"));
}

TEST(EtalabReaderTest, MalformedManifestIsRejectedAndRecordsStillRead) {
  Collected c = ReadText(Lines({"finess;etalab;beaucoup;08/01/2021", kFleyriat}));
  ASSERT_OK(c.status);
  EXPECT_EQ(c.records.size(), 1u);
  ASSERT_EQ(c.rejections.size(), 1u);
  EXPECT_EQ(c.rejections[0].line, 1);
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("nombre « beaucoup »"));
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("date « 08/01/2021 »"));
  EXPECT_FALSE(c.info.extract_date.has_value());
}

TEST(EtalabReaderTest, ExtractWithoutManifestIsRecognised) {
  Collected c = ReadText(Lines({kFleyriat, kFleyriatGeo}));
  ASSERT_OK(c.status);
  EXPECT_EQ(c.info.format, FinessFormat::kEtalab);
  EXPECT_EQ(c.records.size(), 1u);
  EXPECT_FALSE(c.info.extract_date.has_value());
}

TEST(EtalabReaderTest, GeolocalisationWithoutCoordinatesOrSource) {
  Collected c = ReadText(Lines({kManifest, kFleyriat, "geolocalisation;010000024;;;;", kBelley,
                                "geolocalisation;010000107;912880.0;6518302.2;;"}));
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_THAT(c.rejections, IsEmpty());
  EXPECT_THAT(c.records[0].note_geolocalisation, HasSubstr("coordonnées absentes"));
  EXPECT_THAT(c.records[1].note_geolocalisation, HasSubstr("source des coordonnées absente"));
  EXPECT_FALSE(c.records[1].latitude.has_value());
}

}  // namespace
}  // namespace ror::finess
