#include "libs/finess/etalab_writer.h"

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/finess_test_util.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::DistanceMetres;
using ::ror::finess::testing::ReadText;
using ::testing::IsEmpty;

EtablissementRecord Sample() {
  EtablissementRecord r;
  r.finess_eg = "970100012";
  r.finess_ej = "970100103";
  r.raison_sociale = "CLINIQUE; AVEC POINT-VIRGULE";
  r.adresse = "12 B R DU PORT | BP 4 | CEDEX";
  r.code_postal = "97139";
  r.commune = "LES ABYMES";
  r.code_commune = "97101";
  r.departement = "971";
  r.categorie = "365";
  r.libelle_categorie = "Etablissement de Soins\nPluridisciplinaire";
  r.categorie_agregee = "1110";
  r.date_ouverture = absl::CivilDay(1969, 3, 1);
  r.latitude = 16.27;  // Guadeloupe: outside Lambert-93
  r.longitude = -61.5;
  return r;
}

TEST(EtalabWriterTest, WritesThirtyTwoFieldsWithoutSeparatorsInValues) {
  std::string line = EtalabStructureEtLine(Sample());
  std::vector<std::string> fields = absl::StrSplit(line, ';');
  ASSERT_EQ(fields.size(), 32u);
  EXPECT_EQ(fields[0], "structureet");
  EXPECT_EQ(fields[3], "CLINIQUE, AVEC POINT-VIRGULE");
  EXPECT_EQ(fields[9], "12 B R DU PORT");
  EXPECT_EQ(fields[11], "BP 4 | CEDEX");
  EXPECT_EQ(fields[12], "101");
  EXPECT_EQ(fields[13], "9A");
  EXPECT_EQ(fields[15], "97139 LES ABYMES");
  EXPECT_EQ(fields[19], "Etablissement de Soins Pluridisciplinaire");
  EXPECT_EQ(fields[28], "1969-03-01");
}

TEST(EtalabWriterTest, PositionOutsideLambert93IsWrittenEmpty) {
  EXPECT_EQ(EtalabGeolocalisationLine(Sample(), absl::CivilDay(2021, 1, 8)),
            "geolocalisation;970100012;;;;2021-01-08");
}

TEST(EtalabWriterTest, WrittenRecordReadsBack) {
  EtablissementRecord r = Sample();
  r.departement = "01";
  r.finess_eg = "010000024";
  r.finess_ej = "010780054";
  r.code_commune = "01451";
  r.latitude = 46.22274479119414;
  r.longitude = 5.2085961326419605;
  absl::CivilDay date(2021, 1, 8);
  Collected c = ReadText(EtalabManifestLine(1, date) + "\n" + EtalabStructureEtLine(r) + "\n" +
                         EtalabGeolocalisationLine(r, date) + "\n");
  ASSERT_OK(c.status);
  EXPECT_THAT(c.rejections, IsEmpty());
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_EQ(c.records[0].adresse, "12 B R DU PORT | BP 4 | CEDEX");
  EXPECT_EQ(c.records[0].code_commune, "01451");
  EXPECT_EQ(c.records[0].departement, "01");
  EXPECT_LT(
      DistanceMetres(*c.records[0].latitude, *c.records[0].longitude, *r.latitude, *r.longitude),
      0.1);
  EXPECT_EQ(c.info.declared_count, 1);
}

}  // namespace
}  // namespace ror::finess
