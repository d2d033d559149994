// The real FINESS sample of shared/data (2 472 établissements of the Ain and Ille-et-Vilaine),
// read where it lives beside the repository; skipped when that folder is absent.

#include <filesystem>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/finess/etalab_writer.h"
#include "libs/finess/finess_number.h"
#include "libs/finess/finess_test_util.h"
#include "libs/finess/lambert93.h"

namespace ror::finess {
namespace {

using ::ror::finess::testing::Collected;
using ::ror::finess::testing::DistanceMetres;
using ::ror::finess::testing::ReadFile;
using ::ror::finess::testing::ReadText;
using ::testing::IsEmpty;

const std::string kSample = std::string(ROR_FINESS_DATA_DIR) + "/finess_et_dept01_35.csv";

class RealSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kSample)) {
      GTEST_SKIP() << "échantillon FINESS absent (" << kSample
                   << ") : ce test lit shared/data/finess à côté du dépôt";
    }
  }
};

TEST_F(RealSampleTest, EveryEstablishmentIsReadWithoutRejection) {
  Collected c = ReadFile(kSample);
  ASSERT_OK(c.status);
  for (const Rejection& r : c.rejections) ADD_FAILURE() << r.line << ": " << r.reason;
  EXPECT_EQ(c.records.size(), 2472u);
  EXPECT_EQ(c.info.format, FinessFormat::kFlatCsv);
  EXPECT_EQ(c.info.encoding, TextEncoding::kUtf8);
  EXPECT_EQ(c.info.lines, 2473);
  EXPECT_EQ(c.info.geolocated, 2472);

  int ain = 0;
  int ille_et_vilaine = 0;
  absl::flat_hash_set<std::string> finess;
  for (const EtablissementRecord& r : c.records) {
    ain += r.departement == "01";
    ille_et_vilaine += r.departement == "35";
    finess.insert(r.finess_eg);
    EXPECT_TRUE(IsValidFinessNumber(r.finess_ej)) << r.finess_ej;
  }
  EXPECT_EQ(ain, 777);
  EXPECT_EQ(ille_et_vilaine, 1695);
  EXPECT_EQ(finess.size(), 2472u);

  const EtablissementRecord& fleyriat = c.records[0];
  EXPECT_EQ(fleyriat.finess_eg, "010000024");
  EXPECT_EQ(fleyriat.line, 2);
  EXPECT_EQ(fleyriat.raison_sociale, "CH DE FLEYRIAT");
  EXPECT_EQ(fleyriat.adresse, "900 RTE DE PARIS");
  EXPECT_EQ(fleyriat.libelle_sph, "Etablissement public de santé");
  EXPECT_FALSE(fleyriat.ferme);
  // Its official Lambert-93 position lands on the sample's WGS84 one.
  LatLon converted = Lambert93ToWgs84({870215.7, 6571590.5});
  EXPECT_LT(DistanceMetres(converted.latitude, converted.longitude, *fleyriat.latitude,
                           *fleyriat.longitude),
            1.0);
}

TEST_F(RealSampleTest, RewrittenAsEtalabItReadsBackTheSame) {
  Collected csv = ReadFile(kSample);
  ASSERT_OK(csv.status);
  absl::CivilDay date(2021, 1, 8);
  std::string structures = EtalabManifestLine(csv.records.size(), date) + "\n";
  std::string geolocalisations;
  for (const EtablissementRecord& r : csv.records) {
    absl::StrAppend(&structures, EtalabStructureEtLine(r), "\n");
    absl::StrAppend(&geolocalisations, EtalabGeolocalisationLine(r, date), "\n");
  }
  Collected etalab = ReadText(structures + geolocalisations);
  ASSERT_OK(etalab.status);
  EXPECT_THAT(etalab.rejections, IsEmpty());
  ASSERT_EQ(etalab.records.size(), csv.records.size());
  EXPECT_EQ(etalab.info.geolocated, 2472);
  double worst = 0;
  for (size_t i = 0; i < csv.records.size(); ++i) {
    const EtablissementRecord& a = csv.records[i];
    const EtablissementRecord& b = etalab.records[i];
    EXPECT_EQ(a.finess_eg, b.finess_eg);
    EXPECT_EQ(a.raison_sociale, b.raison_sociale);
    EXPECT_EQ(a.adresse, b.adresse) << a.finess_eg;
    EXPECT_EQ(a.code_postal, b.code_postal);
    EXPECT_EQ(a.commune, b.commune);
    EXPECT_EQ(a.categorie, b.categorie);
    EXPECT_EQ(a.libelle_categorie, b.libelle_categorie);
    EXPECT_EQ(a.date_ouverture, b.date_ouverture);
    EXPECT_EQ(a.date_mise_a_jour, b.date_mise_a_jour);
    worst = std::max(worst, DistanceMetres(*a.latitude, *a.longitude, *b.latitude, *b.longitude));
  }
  // Lambert-93 is written to 0.1 m, like the official extract.
  EXPECT_LT(worst, 0.1);
}

}  // namespace
}  // namespace ror::finess
