#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/nomenclature/nomenclatures.h"

namespace ror::nomenclature {
namespace {

using ::testing::Field;
using ::testing::Pointee;

TEST(BuiltInTest, HoldsTheDemoLists) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  EXPECT_EQ(set.source(), "intégrées");
  std::vector<std::string> ids;
  for (const CodeList& list : set.lists()) ids.push_back(list.short_id());
  EXPECT_THAT(ids, ::testing::ElementsAre("J17", "J19", "J20", "J55", "J203", "J220", "J222", "J225", "J238"));
}

TEST(BuiltInTest, J20IsCompleteWithItsSixCodes) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  const CodeList* j20 = set.Find("J20");
  ASSERT_NE(j20, nullptr);
  EXPECT_TRUE(j20->complete());
  EXPECT_EQ(j20->size(), 6u);
  EXPECT_EQ(j20->title(), "Champ d'activité");
  EXPECT_THAT(j20->Find("01"),
              Pointee(Field(&CodeEntry::label, "Médecine, Chirurgie, Obstétrique (MCO)")));
  EXPECT_THAT(j20->Find("06"), Pointee(Field(&CodeEntry::label, "Social")));
  EXPECT_EQ(j20->Find("1"), nullptr);  // leading zero is part of the code
  EXPECT_EQ(set.Find("JDV_J20-ChampActivite-ROR"), j20);
}

TEST(BuiltInTest, TruncatedListsSaySo) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  EXPECT_FALSE(set.Find("J17")->complete());
  EXPECT_FALSE(set.Find("J19")->complete());
  EXPECT_FALSE(set.Find("J55")->complete());
  EXPECT_FALSE(set.Find("J238")->complete());
  EXPECT_TRUE(set.Find("J203")->complete());
}

TEST(BuiltInTest, CoversTheDemoEstablishmentsAndOffres) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  // FINESS categories of the établissements used by `rorctl demo`.
  for (const char* categorie : {"101", "109", "292", "355", "500"}) {
    EXPECT_NE(set.Find("J55")->Find(categorie), nullptr) << categorie;
  }
  EXPECT_THAT(set.Find("J55")->Find("355"),
              Pointee(Field(&CodeEntry::label, "Centre hospitalier (CH)")));
  EXPECT_THAT(set.Find("J238")->Find("20"), Pointee(Field(&CodeEntry::label, "Unité d'urgences")));
  EXPECT_THAT(set.Find("J19")->Find("28"),
              Pointee(Field(&CodeEntry::label, "Hospitalisation complète (HC)")));
}

TEST(BuiltInTest, J203MixesTwoSystems) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  const CodeList* j203 = set.Find("J203");
  EXPECT_EQ(j203->size(), 6u);
  EXPECT_EQ(j203->systems().size(), 2u);
  EXPECT_THAT(j203->Find("EG"), Pointee(Field(&CodeEntry::label, "Etablissement géographique")));
  EXPECT_THAT(j203->Find("3"), Pointee(Field(&CodeEntry::label, "Unité fonctionnelle")));
}

TEST(BuiltInTest, ListsOutsideTheBuiltInSetAreAbsent) {
  Nomenclatures set = Nomenclatures::BuiltIn();
  EXPECT_EQ(set.Find("J16"), nullptr);
  EXPECT_EQ(set.Find("J226"), nullptr);
}

}  // namespace
}  // namespace ror::nomenclature
