// Entités juridiques (structureej records, the cs1100501 extract) through ReadFinessText and
// ParseStructureEj.

#include "libs/finess/etalab_structure_ej.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::ReadText;
using ::ror::finess::testing::ReadTextWithEj;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kManifest[] = "finess;etalab;4;2021-01-08";
// Invented from the sample's EJ numbers; the spec's 23 fields, ending at datecrea.
constexpr char kEjBourg[] =
    "structureej;010780054;CH DE BOURG EN BRESSE;CENTRE HOSPITALIER DE BOURG EN BRESSE;;900;RTE;"
    "DE PARIS;;;;451;01440 VIRIAT;01;AIN;0474454647;13;Etablissement Public Communal "
    "d'Hospitalisation;355;Centre Hospitalier (C.H.);260100045;8610Z;1979-01-01";
// Number with compvoie, and a BP.
constexpr char kEjBelley[] =
    "structureej;010780062;CH HAUT BUGEY;CENTRE HOSPITALIER DU HAUT BUGEY;;700;AV;DE NARVIK;B;;"
    "BP 139;034;01300 BELLEY;01;AIN;0479425959;13;Etablissement Public Communal "
    "d'Hospitalisation;355;Centre Hospitalier (C.H.);260100037;8610Z;1901-01-01";
// A CEDEX libellé d'acheminement.
constexpr char kEjRennes[] =
    "structureej;350005179;CHU RENNES;CENTRE HOSPITALIER UNIVERSITAIRE DE RENNES;;2;R;HENRI LE "
    "GUILLOUX;;;;238;35033 RENNES CEDEX 9;35;ILLE-ET-VILAINE;0299284321;11;Etablissement Public "
    "Régional d'Hospitalisation;101;Centre Hospitalier Régional (C.H.R.);263500076;8610Z;"
    "1901-01-01";
// Overseas, private: no telephone, no categetab, a complément de distribution.
constexpr char kEjAbymes[] =
    "structureej;970100103;SA POLYCLINIQUE DE LA GUADELOUPE;;;;;MORNE JOLIVIERE;;IMMEUBLE LES "
    "ALIZES;;101;97139 LES ABYMES;9A;GUADELOUPE;;73;Société Anonyme (S.A.);;;314612345;8610Z;"
    "1969-03-01";

// An EG of the Bourg EJ, with its position, for files that mix both.
constexpr char kFleyriat[] =
    "structureet;010000024;010780054;CH DE FLEYRIAT;CENTRE HOSPITALIER DE BOURG-EN-BRESSE "
    "FLEYRIAT;;;900;RTE;DE PARIS;;;451;01;AIN;01440 VIRIAT;0474454647;0474454114;355;Centre "
    "Hospitalier (C.H.);1102;Centres Hospitaliers;26010004500012;8610Z;03;ARS établissements "
    "Publics de santé dotation globale;1;Etablissement public de santé;1979-02-13;1979-02-13;"
    "2020-02-04;";
constexpr char kFleyriatGeo[] =
    "geolocalisation;010000024;870215.7;6571590.5;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,"
    "LAMBERT_93;2021-01-04";

std::string Lines(std::initializer_list<absl::string_view> lines) {
  return absl::StrCat(absl::StrJoin(lines, "\n"), "\n");
}

// `line` with its field `index` (0 is the tag) replaced by `value`.
std::string WithField(absl::string_view line, size_t index, absl::string_view value) {
  std::vector<std::string> fields = absl::StrSplit(line, ';');
  fields.at(index) = std::string(value);
  return absl::StrJoin(fields, ";");
}

TEST(EtalabStructureEjTest, ReadsAnEntitesJuridiquesExtract) {
  Collected c = ReadTextWithEj(Lines({kManifest, kEjBourg, kEjBelley, kEjRennes, kEjAbymes}));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());  // no geolocalisation lines, and none missed
  EXPECT_THAT(c.records, IsEmpty());
  ASSERT_EQ(c.entites_juridiques.size(), 4u);

  const EntiteJuridiqueRecord& bourg = c.entites_juridiques[0];
  EXPECT_EQ(bourg.line, 2);
  EXPECT_EQ(bourg.finess_ej, "010780054");
  EXPECT_EQ(bourg.raison_sociale, "CH DE BOURG EN BRESSE");
  EXPECT_EQ(bourg.raison_sociale_longue, "CENTRE HOSPITALIER DE BOURG EN BRESSE");
  EXPECT_THAT(bourg.complement_raison_sociale, IsEmpty());
  EXPECT_THAT(bourg.complement_distribution, IsEmpty());
  EXPECT_EQ(bourg.adresse, "900 RTE DE PARIS");
  EXPECT_EQ(bourg.code_postal, "01440");
  EXPECT_EQ(bourg.commune, "VIRIAT");
  EXPECT_EQ(bourg.code_commune, "01451");
  EXPECT_EQ(bourg.departement, "01");
  EXPECT_EQ(bourg.telephone, "0474454647");
  EXPECT_EQ(bourg.statut_juridique, "13");
  EXPECT_EQ(bourg.libelle_statut_juridique, "Etablissement Public Communal d'Hospitalisation");
  EXPECT_EQ(bourg.categorie, "355");
  EXPECT_EQ(bourg.libelle_categorie, "Centre Hospitalier (C.H.)");
  EXPECT_EQ(bourg.siren, "260100045");
  EXPECT_EQ(bourg.code_ape, "8610Z");
  EXPECT_EQ(bourg.date_creation, absl::CivilDay(1979, 1, 1));
  EXPECT_FALSE(bourg.date_mise_a_jour.has_value());

  const EntiteJuridiqueRecord& belley = c.entites_juridiques[1];
  EXPECT_EQ(belley.line, 3);
  EXPECT_EQ(belley.adresse, "700 B AV DE NARVIK | BP 139");
  EXPECT_EQ(belley.code_commune, "01034");
  EXPECT_EQ(belley.date_creation, absl::CivilDay(1901, 1, 1));

  const EntiteJuridiqueRecord& rennes = c.entites_juridiques[2];
  EXPECT_EQ(rennes.finess_ej, "350005179");
  EXPECT_EQ(rennes.code_postal, "35033");
  EXPECT_EQ(rennes.commune, "RENNES CEDEX 9");
  EXPECT_EQ(rennes.code_commune, "35238");
  EXPECT_EQ(rennes.libelle_statut_juridique, "Etablissement Public Régional d'Hospitalisation");

  const EntiteJuridiqueRecord& abymes = c.entites_juridiques[3];
  EXPECT_EQ(abymes.departement, "9A");
  EXPECT_EQ(abymes.code_commune, "97101");
  EXPECT_EQ(abymes.commune, "LES ABYMES");
  EXPECT_EQ(abymes.adresse, "MORNE JOLIVIERE");
  EXPECT_EQ(abymes.complement_distribution, "IMMEUBLE LES ALIZES");
  EXPECT_THAT(abymes.telephone, IsEmpty());
  EXPECT_THAT(abymes.categorie, IsEmpty());
  EXPECT_THAT(abymes.libelle_categorie, IsEmpty());
  EXPECT_EQ(abymes.statut_juridique, "73");

  EXPECT_EQ(c.info.format, FinessFormat::kEtalab);
  EXPECT_EQ(c.info.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(c.info.extract_date, absl::CivilDay(2021, 1, 8));
  EXPECT_EQ(c.info.declared_count, 4);
  EXPECT_EQ(c.info.lines, 5);
  EXPECT_EQ(c.info.records, 0);
  EXPECT_EQ(c.info.entites_juridiques, 4);
  EXPECT_EQ(c.info.rejections, 0);
  EXPECT_EQ(c.info.geolocated, 0);
}

TEST(EtalabStructureEjTest, TrailingDateMajIsReadWhenPresent) {
  // CRLF as well, as the published extracts may come.
  Collected c = ReadTextWithEj(absl::StrCat(kManifest, "\r\n", kEjBourg, ";2020-02-04\r\n",
                                            kEjBelley, ";\r\n", kEjRennes, "\r\n"));
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.entites_juridiques.size(), 3u);
  EXPECT_EQ(c.entites_juridiques[0].date_creation, absl::CivilDay(1979, 1, 1));
  EXPECT_EQ(c.entites_juridiques[0].date_mise_a_jour, absl::CivilDay(2020, 2, 4));
  EXPECT_FALSE(c.entites_juridiques[1].date_mise_a_jour.has_value());
  EXPECT_FALSE(c.entites_juridiques[2].date_mise_a_jour.has_value());
  EXPECT_EQ(c.entites_juridiques[2].date_creation, absl::CivilDay(1901, 1, 1));
}

TEST(EtalabStructureEjTest, ExtractWithoutManifestIsRecognised) {
  Collected c = ReadTextWithEj(Lines({kEjBourg, kEjBelley}));
  ASSERT_OK(c.status);
  EXPECT_EQ(c.info.format, FinessFormat::kEtalab);
  EXPECT_THAT(c.rejections, IsEmpty());
  EXPECT_EQ(c.entites_juridiques.size(), 2u);
  EXPECT_FALSE(c.info.extract_date.has_value());
}

TEST(EtalabStructureEjTest, MixedFileHandsOverBothAndKeepsRejectionsInLineOrder) {
  std::string bad_ej = WithField(kEjBelley, 16, "");
  Collected c = ReadTextWithEj(Lines({
      kManifest,                                                   // 1
      kEjBourg,                                                    // 2
      kFleyriat,                                                   // 3
      "geolocalisation;010000107;abc;6518302.2;LAMBERT_93;",       // 4: rejected in the 1st pass
      bad_ej,                                                      // 5
      kFleyriatGeo,                                                // 6
      kEjRennes,                                                   // 7
      "structureet;010000115;010780013;TROP COURT",                // 8
      "geolocalisation;350000121;350000.0;6780000.0;LAMBERT_93;",  // 9: no such EG
      "entite;1",                                                  // 10
  }));
  ASSERT_OK(c.status);
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].finess_eg, "010000024");
  EXPECT_EQ(c.records[0].finess_ej, "010780054");
  EXPECT_TRUE(c.records[0].latitude.has_value());  // the EJ lines do not disturb the join
  ASSERT_EQ(c.entites_juridiques.size(), 2u);
  EXPECT_EQ(c.entites_juridiques[0].line, 2);
  EXPECT_EQ(c.entites_juridiques[0].finess_ej, "010780054");
  EXPECT_EQ(c.entites_juridiques[1].line, 7);
  EXPECT_EQ(c.entites_juridiques[1].finess_ej, "350005179");

  ASSERT_EQ(c.rejections.size(), 5u);
  EXPECT_EQ(c.rejections[0].line, 4);
  EXPECT_THAT(c.rejections[0].reason, HasSubstr("coordxet"));
  EXPECT_EQ(c.rejections[1].line, 5);
  EXPECT_EQ(c.rejections[1].finess, "010780062");
  EXPECT_THAT(c.rejections[1].reason, HasSubstr("statutjuridique : valeur absente"));
  EXPECT_EQ(c.rejections[2].line, 8);
  EXPECT_THAT(c.rejections[2].reason, HasSubstr("4 champs au lieu de 32"));
  EXPECT_EQ(c.rejections[3].line, 10);
  EXPECT_THAT(
      c.rejections[3].reason,
      HasSubstr("« entite » inconnu (structureet, structureej ou geolocalisation attendu)"));
  // Orphan geolocalisations are known only at the end, as without EJs.
  EXPECT_EQ(c.rejections[4].line, 9);

  EXPECT_EQ(c.info.records, 1);
  EXPECT_EQ(c.info.entites_juridiques, 2);
  EXPECT_EQ(c.info.rejections, 5);
  EXPECT_EQ(c.info.geolocated, 1);
}

struct BrokenRule {
  const char* name;
  std::string line;
  const char* finess;  // expected in the Rejection
  const char* reason;  // expected within it
};

TEST(EtalabStructureEjTest, EachRuleBrokenRejectsTheRecordNamingTheFieldAndTheRule) {
  const std::vector<BrokenRule> cases = {
      {.name = "clé de contrôle",
       .line = WithField(kEjBourg, 1, "010780055"),
       .finess = "010780055",
       .reason = "nofiness : numéro FINESS « 010780055 » : clé de contrôle invalide"},
      {.name = "nofiness absent",
       .line = WithField(kEjBourg, 1, ""),
       .finess = "",
       .reason = "nofiness : numéro FINESS absent"},
      {.name = "nofiness en lettres",
       .line = WithField(kEjBourg, 1, "01078005X"),
       .finess = "01078005X",
       .reason = "nofiness : numéro FINESS « 01078005X » : seuls des chiffres sont admis"},
      {.name = "rs",
       .line = WithField(kEjBourg, 2, " "),
       .finess = "010780054",
       .reason = "rs : raison sociale absente"},
      {.name = "departement",
       .line = WithField(kEjBourg, 13, "1"),
       .finess = "010780054",
       .reason = "departement : « 1 » (2 caractères attendus : chiffre puis chiffre ou lettre)"},
      {.name = "commune",
       .line = WithField(kEjBourg, 11, "45"),
       .finess = "010780054",
       .reason = "commune : « 45 » (3 chiffres attendus)"},
      {.name = "ligneacheminement",
       .line = WithField(kEjBourg, 12, "VIRIAT"),
       .finess = "010780054",
       .reason = "ligneacheminement : « VIRIAT » (code postal à 5 chiffres, espace, commune "
                 "attendus)"},
      {.name = "telephone",
       .line = WithField(kEjBourg, 15, "04 74 45 46 47"),
       .finess = "010780054",
       .reason = "telephone : « 04 74 45 46 47 » (10 chiffres attendus)"},
      {.name = "statutjuridique absent",
       .line = WithField(kEjBourg, 16, ""),
       .finess = "010780054",
       .reason = "statutjuridique : valeur absente (2 chiffres attendus)"},
      {.name = "statutjuridique",
       .line = WithField(kEjBourg, 16, "130"),
       .finess = "010780054",
       .reason = "statutjuridique : « 130 » (2 chiffres attendus)"},
      {.name = "categetab",
       .line = WithField(kEjBourg, 18, "35"),
       .finess = "010780054",
       .reason = "categetab : « 35 » (3 chiffres attendus)"},
      {.name = "siren",
       .line = WithField(kEjBourg, 20, "26010004500012"),
       .finess = "010780054",
       .reason = "siren : « 26010004500012 » (9 chiffres attendus)"},
      {.name = "datecrea absente",
       .line = WithField(kEjBourg, 22, ""),
       .finess = "010780054",
       .reason = "datecrea : date de création absente (AAAA-MM-JJ attendu)"},
      {.name = "datecrea",
       .line = WithField(kEjBourg, 22, "01/01/1979"),
       .finess = "010780054",
       .reason = "datecrea : date « 01/01/1979 » illisible (AAAA-MM-JJ attendu)"},
      {.name = "datemaj",
       .line = absl::StrCat(kEjBourg, ";2021-02-30"),
       .finess = "010780054",
       .reason = "datemaj : date « 2021-02-30 » illisible (AAAA-MM-JJ attendu)"},
      {.name = "trop peu de champs",
       .line = "structureej;010780054;CH;01",
       .finess = "010780054",
       .reason = "structureej : 4 champs au lieu de 23 (24 avec datemaj)"},
      {.name = "trop de champs",
       .line = absl::StrCat(kEjBourg, ";2020-02-04;x"),
       .finess = "010780054",
       .reason = "structureej : 25 champs au lieu de 23 (24 avec datemaj)"},
  };
  for (const BrokenRule& broken : cases) {
    SCOPED_TRACE(broken.name);
    Collected c = ReadTextWithEj(Lines({kManifest, broken.line}));
    ASSERT_OK(c.status);
    EXPECT_THAT(c.entites_juridiques, IsEmpty());
    ASSERT_EQ(c.rejections.size(), 1u);
    EXPECT_EQ(c.rejections[0].line, 2);
    EXPECT_EQ(c.rejections[0].finess, broken.finess);
    EXPECT_THAT(c.rejections[0].reason, HasSubstr(broken.reason));
    // The fixture breaks nothing else.
    EXPECT_THAT(c.rejections[0].reason, Not(HasSubstr(" ; ")));
    EXPECT_EQ(c.info.entites_juridiques, 0);
    EXPECT_EQ(c.info.rejections, 1);
  }
}

TEST(EtalabStructureEjTest, SeveralProblemsOfOneRecordAreReportedTogether) {
  std::string bad = WithField(kEjBourg, 12, "VIRIAT");
  bad = WithField(bad, 20, "2601");
  bad = WithField(bad, 22, "");
  Collected c = ReadTextWithEj(Lines({kManifest, bad}));
  ASSERT_EQ(c.rejections.size(), 1u);
  EXPECT_EQ(c.rejections[0].reason,
            "ligneacheminement : « VIRIAT » (code postal à 5 chiffres, espace, commune attendus) ; "
            "siren : « 2601 » (9 chiffres attendus) ; datecrea : date de création absente "
            "(AAAA-MM-JJ attendu)");
}

TEST(EtalabStructureEjTest, SecondRecordOfTheSameEntiteJuridiqueIsRejected) {
  std::string bad_first = WithField(kEjRennes, 22, "");
  Collected c = ReadTextWithEj(Lines({
      kManifest,  // 1
      kEjBourg,   // 2
      kEjBelley,  // 3
      bad_first,  // 4: rejected, so it does not count as the first
      kEjRennes,  // 5
      kEjBourg,   // 6
      kEjRennes,  // 7
  }));
  ASSERT_EQ(c.entites_juridiques.size(), 3u);
  EXPECT_EQ(c.entites_juridiques[2].line, 5);
  ASSERT_EQ(c.rejections.size(), 3u);
  EXPECT_EQ(c.rejections[0].line, 4);
  EXPECT_EQ(c.rejections[1].line, 6);
  EXPECT_EQ(c.rejections[1].finess, "010780054");
  EXPECT_EQ(c.rejections[1].reason, "nofiness : entité juridique déjà présente ligne 2");
  EXPECT_EQ(c.rejections[2].line, 7);
  EXPECT_EQ(c.rejections[2].reason, "nofiness : entité juridique déjà présente ligne 5");
}

TEST(EtalabStructureEjTest, WithoutASinkEntitesJuridiquesAreRejected) {
  Collected c = ReadText(Lines({kManifest, kEjBourg, kFleyriat, kEjRennes}));
  ASSERT_OK(c.status);
  EXPECT_EQ(c.records.size(), 1u);
  ASSERT_EQ(c.rejections.size(), 2u);
  EXPECT_EQ(c.rejections[0].line, 2);
  EXPECT_EQ(c.rejections[0].finess, "010780054");
  EXPECT_EQ(c.rejections[0].reason,
            "structureej : entité juridique non lue, l'appelant ne lit que les établissements "
            "géographiques (structureet, geolocalisation)");
  EXPECT_EQ(c.rejections[1].line, 4);
  EXPECT_EQ(c.info.entites_juridiques, 0);
  EXPECT_EQ(c.info.records, 1);
}

TEST(EtalabStructureEjTest, Latin1LineIsConverted) {
  // "JOLIVIÈRE" and "Société" in Latin-1, as older extracts are written, after a UTF-8 line.
  std::string latin1 =
      "structureej;970100103;SA POLYCLINIQUE DE LA GUADELOUPE;;;;;MORNE JOLIVI\xC8"
      "RE;;;;101;97139 LES ABYMES;9A;GUADELOUPE;;73;Soci\xE9t\xE9 Anonyme (S.A.);;;314612345;"
      "8610Z;1969-03-01";
  Collected c = ReadTextWithEj(Lines({kManifest, kEjRennes, latin1}));
  ASSERT_OK(c.status);
  ASSERT_EQ(c.entites_juridiques.size(), 2u) << c.rejections[0].reason;
  EXPECT_EQ(c.entites_juridiques[0].libelle_statut_juridique,
            "Etablissement Public Régional d'Hospitalisation");
  EXPECT_EQ(c.entites_juridiques[1].adresse, "MORNE JOLIVIÈRE");
  EXPECT_EQ(c.entites_juridiques[1].libelle_statut_juridique, "Société Anonyme (S.A.)");
  EXPECT_EQ(c.info.encoding, TextEncoding::kMixed);
  EXPECT_EQ(c.info.latin1_lines, 1);
}

TEST(EtalabStructureEjTest, FlattenedCsvHasNoEntitesJuridiques) {
  Collected c = ReadTextWithEj(
      "nofinesset,nofinessej,rs,adresse,codepostal,commune,departement,telephone,telecopie,"
      "categetab,libcategetab,categagretab,libcategagretab,siret,codeape,codesph,libsph,dateouv,"
      "datemaj,latitude,longitude,active\n"
      "010000024,010780054,CH,,01440,VIRIAT,01,,,355,CH,1102,CH,,,,,,,,,True\n");
  ASSERT_OK(c.status);
  EXPECT_EQ(c.info.format, FinessFormat::kFlatCsv);
  EXPECT_EQ(c.records.size(), 1u);
  EXPECT_THAT(c.entites_juridiques, IsEmpty());
  EXPECT_EQ(c.info.entites_juridiques, 0);
}

TEST(EtalabStructureEjTest, ReadsAFileWithTheSink) {
  std::string path = ::testing::TempDir() + "/etalab_structure_ej_test.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << Lines({kManifest, kEjBourg, kEjRennes});
  }
  std::vector<std::string> numbers;
  FileInfo info;
  ASSERT_OK(ReadFinessFile(
      path, [](EtablissementRecord&&) {}, [](const Rejection&) {}, &info,
      [&numbers](EntiteJuridiqueRecord&& r) { numbers.push_back(r.finess_ej); }));
  EXPECT_THAT(numbers, ::testing::ElementsAre("010780054", "350005179"));
  EXPECT_EQ(info.entites_juridiques, 2);
  std::remove(path.c_str());
}

TEST(ParseStructureEjTest, KeepsTheNumberOfARejectedRecordTrimmed) {
  std::vector<absl::string_view> fields = absl::StrSplit(" structureej; 010780054 ;CH", ';');
  EntiteJuridiqueRecord record;
  EXPECT_THAT(ParseStructureEj(fields, &record), HasSubstr("3 champs"));
  EXPECT_EQ(record.finess_ej, "010780054");

  std::string line = WithField(kEjBourg, 1, " 010780054 ");
  fields = absl::StrSplit(line, ';');
  EntiteJuridiqueRecord trimmed;
  EXPECT_EQ(ParseStructureEj(fields, &trimmed), "");
  EXPECT_EQ(trimmed.finess_ej, "010780054");
  EXPECT_EQ(trimmed.line, 0);  // the reader's to set
}

}  // namespace
}  // namespace ror::finess
