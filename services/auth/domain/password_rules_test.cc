#include "services/auth/domain/password_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/domain/decider_testing.h"

namespace ror::auth::domain {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kEmail[] = "Ervann.Andreo@esante-occitanie.fr";

std::vector<std::string> Broken(absl::string_view password) {
  FieldViolations v;
  CheckPassword("password", password, kEmail, v);
  return testing::Violations(v.ToStatus());
}

TEST(PasswordRulesTest, AGoodPasswordPasses) {
  EXPECT_THAT(Broken("Cardio-Bourg-2026"), IsEmpty());
  EXPECT_THAT(Broken("tres longue phrase de passe 7"), IsEmpty());  // lower, digit, blanks
  EXPECT_THAT(Broken("éèàùçô12345a"), IsEmpty());                   // accented count as other
}

TEST(PasswordRulesTest, EachRuleIsNamed) {
  EXPECT_THAT(Broken(""), ElementsAre("password:required"));
  EXPECT_THAT(Broken("Court-1"), ElementsAre("password:min_length"));
  EXPECT_THAT(Broken("toutenminusculessanschiffre"), ElementsAre("password:character_classes"));
  EXPECT_THAT(Broken(std::string(120, 'a') + "B-1" + std::string(10, 'c')),
              ElementsAre("password:max_length"));
  EXPECT_THAT(Broken("ERVANN.andreo-2026"), ElementsAre("password:contains_email"));
}

TEST(PasswordRulesTest, LengthCountsCharactersNotBytes) {
  // 11 characters but 22 bytes: still too short.
  EXPECT_THAT(Broken("ééééééééé1A"), ElementsAre("password:min_length"));
}

}  // namespace
}  // namespace ror::auth::domain
