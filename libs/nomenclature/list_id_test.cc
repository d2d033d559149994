#include "libs/nomenclature/list_id.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ListIdTest, ParsesAJdv) {
  ASSERT_OK_AND_ASSIGN(ListId id, ParseListId("JDV_J20-ChampActivite-ROR"));
  EXPECT_EQ(id.full, "JDV_J20-ChampActivite-ROR");
  EXPECT_EQ(id.short_id, "J20");
  EXPECT_EQ(id.name, "ChampActivite");
  EXPECT_EQ(id.CanonicalUrl(),
            "https://mos.esante.gouv.fr/NOS/JDV_J20-ChampActivite-ROR/FHIR/"
            "JDV-J20-ChampActivite-ROR");
}

TEST(ListIdTest, ParsesATreWhoseCanonicalUrlIsTheCodeSystemOfItsRows) {
  ASSERT_OK_AND_ASSIGN(ListId id, ParseListId("TRE_R338-ModaliteAccueil"));
  EXPECT_EQ(id.short_id, "R338");
  EXPECT_EQ(id.name, "ModaliteAccueil");
  EXPECT_EQ(id.CanonicalUrl(),
            "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil");
}

TEST(ListIdTest, NameMayHoldDashes) {
  ASSERT_OK_AND_ASSIGN(ListId id, ParseListId("TRE_R67-TypeStructure-EJ-EG"));
  EXPECT_EQ(id.short_id, "R67");
  EXPECT_EQ(id.name, "TypeStructure-EJ-EG");
}

TEST(ListIdTest, RefusesOtherNames) {
  for (const char* bad : {"J20", "JDV_J20", "JDV_J20-", "JDV_20-X", "JDV_J-X", "JDV_J2a-X",
                          "jdv_J20-X", "notes"}) {
    EXPECT_THAT(ParseListId(bad), StatusIs(absl::StatusCode::kInvalidArgument,
                                           HasSubstr("attendu JDV_<id>-<Nom>")))
        << bad;
  }
}

}  // namespace
}  // namespace ror::nomenclature
