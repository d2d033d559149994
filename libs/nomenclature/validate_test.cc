#include "libs/nomenclature/validate.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::nomenclature {
namespace {

using ::ror::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kG15[] = "https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15";
constexpr char kR356[] = "https://mos.esante.gouv.fr/NOS/TRE_R356-Profession/FHIR/TRE-R356";
constexpr char kR338[] =
    "https://mos.esante.gouv.fr/NOS/TRE_R338-ModaliteAccueil/FHIR/TRE-R338-ModaliteAccueil";

struct Violation {
  std::string field, rule, description;
};

std::vector<Violation> Violations(const FieldViolations& v) {
  std::vector<Violation> out;
  for (const v1::FieldViolation& f : v.bad_request().field_violations()) {
    out.push_back({f.field(), f.rule(), f.description()});
  }
  return out;
}

// field:rule pairs, for terse expectations.
std::vector<std::string> Rules(const FieldViolations& v) {
  std::vector<std::string> out;
  for (const Violation& f : Violations(v)) out.push_back(f.field + ":" + f.rule);
  return out;
}

// The built-in set plus a mixed list (J186) and a list with deprecated codes (R338, found as J226).
Nomenclatures TestSet() {
  std::vector<CodeList> lists;
  const Nomenclatures built_in = Nomenclatures::BuiltIn();
  for (const CodeList& list : built_in.lists()) lists.push_back(list);
  CodeList j186(*ParseListId("JDV_J186-ProfessionRessource-ROR"), true);
  EXPECT_OK(j186.Add({.code = "10", .label = "Médecin", .system = kG15}));
  EXPECT_OK(j186.Add({.code = "10", .label = "Socio-esthéticien", .system = kR356}));
  EXPECT_OK(j186.Add({.code = "21", .label = "Pharmacien", .system = kG15}));
  lists.push_back(std::move(j186));
  CodeList r338(*ParseListId("TRE_R338-ModaliteAccueil"), true);
  EXPECT_OK(r338.Add({.code = "11", .label = "Téléexpertise en moins de 7 jours", .system = kR338}));
  EXPECT_OK(r338.Add({.code = "12",
                      .label = "Téléexpertise en plus de 7 jours",
                      .system = kR338,
                      .deprecated = true}));
  lists.push_back(std::move(r338));
  absl::StatusOr<Nomenclatures> set = Nomenclatures::FromLists(std::move(lists), "test");
  EXPECT_OK(set.status());
  return *std::move(set);
}

class ValidateTest : public ::testing::Test {
 protected:
  Nomenclatures set_ = TestSet();
  FieldViolations out_;
};

TEST_F(ValidateTest, KnownCodeAddsNothing) {
  EXPECT_OK(Validate(set_, "J20", "champ_activite", "01", out_));
  EXPECT_OK(Validate(set_, "JDV_J20-ChampActivite-ROR", "champ_activite", "06", out_));
  EXPECT_TRUE(out_.empty());
  EXPECT_OK(out_.ToStatus());
}

TEST_F(ValidateTest, UnknownCodeNamesFieldCodeAndList) {
  EXPECT_OK(Validate(set_, "J20", "champ_activite", "99", out_));
  std::vector<Violation> v = Violations(out_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "champ_activite");
  EXPECT_EQ(v[0].rule, "unknown_code");
  EXPECT_THAT(v[0].description,
              HasSubstr("code 99 inconnu dans la nomenclature J20 (Champ d'activité)"));
  // J20 is short and complete: the message says what is admitted.
  EXPECT_THAT(v[0].description,
              HasSubstr("codes admis : 01 (Médecine, Chirurgie, Obstétrique (MCO)), 02 ("));
  EXPECT_THAT(out_.ToStatus(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("champ_activite : code 99 inconnu dans la nomenclature J20")));
}

TEST_F(ValidateTest, LeadingZerosMatter) {
  EXPECT_OK(Validate(set_, "J20", "champ_activite", "1", out_));
  EXPECT_THAT(Rules(out_), ElementsAre("champ_activite:unknown_code"));
}

TEST_F(ValidateTest, ListNamedByItsFullNameIsShownByItsShortId) {
  EXPECT_OK(Validate(set_, "JDV_J20-ChampActivite-ROR", "champ_activite", "99", out_));
  EXPECT_THAT(Violations(out_)[0].description, HasSubstr("nomenclature J20 (Champ d'activité)"));
}

TEST_F(ValidateTest, TruncatedBuiltInListWarnsThatTheServerKnowsOnlyPart) {
  EXPECT_OK(Validate(set_, "J238", "type_offre", "273", out_));
  const std::string description = Violations(out_).at(0).description;
  EXPECT_THAT(description, HasSubstr("code 273 inconnu dans la nomenclature J238 (Type d'offre)"));
  EXPECT_THAT(description, HasSubstr("n'en connaît qu'une partie"));
  EXPECT_THAT(description, Not(HasSubstr("codes admis")));
}

TEST_F(ValidateTest, EmptyCodeIsRequired) {
  EXPECT_OK(Validate(set_, "J20", "champ_activite", "", out_));
  std::vector<Violation> v = Violations(out_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "required");
  EXPECT_THAT(v[0].description,
              HasSubstr("code obligatoire (nomenclature J20 (Champ d'activité))"));
  // A coding without its code too.
  FieldViolations coding;
  EXPECT_OK(ValidateCoding(set_, "J186", "profession", kR356, "", coding));
  EXPECT_THAT(Rules(coding), ElementsAre("profession:required"));
}

TEST_F(ValidateTest, LongInputIsCutInTheMessage) {
  EXPECT_OK(Validate(set_, "J20", "champ_activite", std::string(500, 'x'), out_));
  const std::string description = Violations(out_).at(0).description;
  EXPECT_THAT(description, HasSubstr(std::string(40, 'x') + "… inconnu"));
  EXPECT_THAT(description, Not(HasSubstr(std::string(41, 'x'))));
}

TEST_F(ValidateTest, AmbiguousCodeIsNeverGuessed) {
  EXPECT_OK(Validate(set_, "J186", "profession", "10", out_));
  std::vector<Violation> v = Violations(out_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "ambiguous_code");
  EXPECT_THAT(v[0].description,
              AllOf(HasSubstr("code 10 ambigu dans la nomenclature J186 (Profession de la "
                              "ressource)"),
                    HasSubstr("TRE_G15-ProfessionSante : Médecin"),
                    HasSubstr("TRE_R356-Profession : Socio-esthéticien"),
                    HasSubstr("préciser le système")));
  // Unique in the list even though the list mixes systems: accepted.
  FieldViolations unique;
  EXPECT_OK(Validate(set_, "J186", "profession", "21", unique));
  EXPECT_TRUE(unique.empty());
}

TEST_F(ValidateTest, CodingIsTheExactLookup) {
  EXPECT_OK(ValidateCoding(set_, "J186", "profession", kR356, "10", out_));
  EXPECT_TRUE(out_.empty());
  EXPECT_OK(ValidateCoding(set_, "J186", "profession", kR356, "21", out_));
  std::vector<Violation> v = Violations(out_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "unknown_code");
  EXPECT_THAT(v[0].description,
              HasSubstr("code 21 du système TRE_R356-Profession inconnu dans la nomenclature "
                        "J186"));
}

TEST_F(ValidateTest, DeprecatedCodeIsAcceptedByDefault) {
  EXPECT_OK(Validate(set_, "J226", "modalites_accueil", "12", out_));
  EXPECT_TRUE(out_.empty());
  EXPECT_TRUE(IsDeprecated(set_, "J226", "12"));
  EXPECT_TRUE(IsDeprecated(set_, "R338", "12"));
  EXPECT_FALSE(IsDeprecated(set_, "J226", "11"));
  EXPECT_FALSE(IsDeprecated(set_, "J226", "99"));
  EXPECT_FALSE(IsDeprecated(set_, "J999", "12"));
}

TEST_F(ValidateTest, DeprecatedCodeIsRefusedForNewData) {
  EXPECT_OK(Validate(set_, "J226", "modalites_accueil", "12", out_, DeprecatedCodes::kRefuse));
  EXPECT_OK(Validate(set_, "J226", "modalites_accueil", "11", out_, DeprecatedCodes::kRefuse));
  std::vector<Violation> v = Violations(out_);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].rule, "deprecated_code");
  EXPECT_THAT(v[0].description,
              HasSubstr("code 12 (Téléexpertise en plus de 7 jours) obsolète dans la "
                        "nomenclature J226 (Modalité d'accueil)"));
}

TEST_F(ValidateTest, DeprecatedCodesAreNotOfferedAsAdmitted) {
  EXPECT_OK(Validate(set_, "R338", "modalites_accueil", "99", out_));
  const std::string description = Violations(out_).at(0).description;
  EXPECT_THAT(description, HasSubstr("codes admis : 11 (Téléexpertise en moins de 7 jours)"));
  EXPECT_THAT(description, Not(HasSubstr("12 (")));
}

TEST_F(ValidateTest, RepeatedFieldNamesEachElementByIndex) {
  const std::vector<std::string> modes = {"28", "99", "29", "", "28"};
  EXPECT_OK(ValidateRepeated(set_, "J19", "modes_prise_en_charge", modes, out_));
  EXPECT_THAT(Rules(out_), ElementsAre("modes_prise_en_charge[1]:unknown_code",
                                       "modes_prise_en_charge[3]:required",
                                       "modes_prise_en_charge[4]:duplicate_code"));
  std::vector<Violation> v = Violations(out_);
  EXPECT_THAT(v[0].description,
              HasSubstr("code 99 inconnu dans la nomenclature J19 (Mode de prise en charge)"));
  EXPECT_THAT(v[2].description, HasSubstr("code 28 déjà donné en modes_prise_en_charge[0]"));
}

TEST_F(ValidateTest, RepeatedFieldRefusesDeprecatedWhenAsked) {
  const std::vector<absl::string_view> modalites = {"11", "12"};
  EXPECT_OK(ValidateRepeated(set_, "J226", "modalites_accueil", modalites, out_,
                             DeprecatedCodes::kRefuse));
  EXPECT_THAT(Rules(out_), ElementsAre("modalites_accueil[1]:deprecated_code"));
}

TEST_F(ValidateTest, EmptyRepeatedFieldIsFine) {
  EXPECT_OK(ValidateRepeated(set_, "J19", "modes", std::vector<std::string>{}, out_));
  EXPECT_TRUE(out_.empty());
}

TEST_F(ValidateTest, ListNotLoadedIsTheServersFault) {
  EXPECT_THAT(Validate(set_, "J16", "actes", "0011", out_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("nomenclature J16 non chargée"), HasSubstr("test"))));
  EXPECT_THAT(ValidateRepeated(set_, "J16", "actes", std::vector<std::string>{"0011"}, out_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(ValidateCoding(set_, "J16", "actes", "urn:r", "0011", out_),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(out_.empty());
}

TEST(IndexedFieldTest, AppendsTheIndex) {
  EXPECT_EQ(IndexedField("activites_operationnelles", 2), "activites_operationnelles[2]");
  EXPECT_THAT(IndexedField("a", 0), Not(IsEmpty()));
}

}  // namespace
}  // namespace ror::nomenclature
