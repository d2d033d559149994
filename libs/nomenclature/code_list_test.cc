#include "libs/nomenclature/code_list.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Pointee;

constexpr char kG15[] = "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15";
constexpr char kR356[] = "https://mos.esante.gouv.fr/NOS/TRE_R356-X/FHIR/TRE-R356-X";

CodeList MixedList() {
  CodeList list(*ParseListId("JDV_J186-ProfessionRessource-ROR"), /*complete=*/true);
  EXPECT_OK(list.Add({.code = "10", .label = "Médecin", .system = kG15}));
  EXPECT_OK(list.Add({.code = "10", .label = "Socio-esthéticien", .system = kR356}));
  EXPECT_OK(list.Add({.code = "21", .label = "Pharmacien", .system = kG15, .deprecated = true}));
  return list;
}

TEST(CodeListTest, KnowsItsNames) {
  CodeList list = MixedList();
  EXPECT_EQ(list.id(), "JDV_J186-ProfessionRessource-ROR");
  EXPECT_EQ(list.short_id(), "J186");
  EXPECT_EQ(list.name(), "ProfessionRessource");
  EXPECT_EQ(list.title(), "Profession de la ressource");
  EXPECT_TRUE(list.complete());
  EXPECT_EQ(list.size(), 3u);
  EXPECT_THAT(list.systems(), ElementsAre(kG15, kR356));
}

TEST(CodeListTest, TitleFallsBackToTheFileName) {
  CodeList list(*ParseListId("JDV_J999-QuelqueChose-ROR"), true);
  EXPECT_EQ(list.title(), "QuelqueChose");
}

TEST(CodeListTest, SystemAndCodeFindTheExactEntry) {
  CodeList list = MixedList();
  EXPECT_THAT(list.Find(kR356, "10"), Pointee(Field(&CodeEntry::label, "Socio-esthéticien")));
  EXPECT_THAT(list.Find(kG15, "10"), Pointee(Field(&CodeEntry::label, "Médecin")));
  EXPECT_EQ(list.Find(kR356, "21"), nullptr);
}

TEST(CodeListTest, CodeAloneFindsOnlyAnUnambiguousEntry) {
  CodeList list = MixedList();
  EXPECT_EQ(list.Find("10"), nullptr);  // two systems have it
  EXPECT_THAT(list.FindAll("10"), ElementsAre(Pointee(Field(&CodeEntry::system, kG15)),
                                              Pointee(Field(&CodeEntry::system, kR356))));
  EXPECT_THAT(list.Find("21"), Pointee(Field(&CodeEntry::deprecated, true)));
  EXPECT_EQ(list.Find("99"), nullptr);
  EXPECT_THAT(list.FindAll("99"), ElementsAre());
}

TEST(CodeListTest, CodesAreExactStrings) {
  CodeList list = MixedList();
  EXPECT_EQ(list.Find("010"), nullptr);
  EXPECT_EQ(list.Find("021"), nullptr);
  EXPECT_EQ(list.Find(" 21"), nullptr);
}

TEST(CodeListTest, RefusesDuplicatesAndEmptyKeys) {
  CodeList list = MixedList();
  EXPECT_THAT(list.Add({.code = "10", .label = "Autre", .system = kG15}),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("code 10 en double")));
  EXPECT_THAT(list.Add({.code = "", .label = "x", .system = kG15}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("code vide")));
  EXPECT_THAT(list.Add({.code = "30", .label = "x", .system = ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("code_system")));
  EXPECT_EQ(list.size(), 3u);
}

TEST(CodeListTest, CopiesAnswerFromTheirOwnEntries) {
  CodeList original = MixedList();
  CodeList copy = original;
  const CodeEntry* found = copy.Find("21");
  ASSERT_NE(found, nullptr);
  EXPECT_GE(found, copy.entries().data());
  EXPECT_LT(found, copy.entries().data() + copy.size());
}

}  // namespace
}  // namespace ror::nomenclature
