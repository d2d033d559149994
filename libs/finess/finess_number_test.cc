#include "libs/finess/finess_number.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::finess {
namespace {

using ::testing::HasSubstr;

TEST(FinessNumberTest, RealNumbersAreValid) {
  for (const char* number : {"010000024", "010780054", "350000063", "220020739", "970100012"}) {
    EXPECT_TRUE(IsValidFinessNumber(number)) << number << ": " << FinessNumberError(number);
  }
}

TEST(FinessNumberTest, CheckDigitIsTheLuhnKey) {
  EXPECT_EQ(FinessCheckDigit("01000002"), 4);
  EXPECT_EQ(FinessCheckDigit("01078005"), 4);
  EXPECT_EQ(FinessCheckDigit("97010001"), 2);
  EXPECT_EQ(FinessCheckDigit("0100000"), -1);
  EXPECT_EQ(FinessCheckDigit("0100000A"), -1);
}

TEST(FinessNumberTest, WrongKeyIsRejected) {
  EXPECT_THAT(FinessNumberError("010000025"), HasSubstr("clé de contrôle"));
  // Two adjacent digits swapped: the Luhn key catches it.
  EXPECT_THAT(FinessNumberError("010000042"), HasSubstr("clé de contrôle"));
}

TEST(FinessNumberTest, LengthAndCharactersAreChecked) {
  EXPECT_THAT(FinessNumberError(""), HasSubstr("absent"));
  EXPECT_THAT(FinessNumberError("01000002"), HasSubstr("9 caractères"));
  EXPECT_THAT(FinessNumberError("0100000244"), HasSubstr("9 caractères"));
  EXPECT_THAT(FinessNumberError("01000X024"), HasSubstr("chiffres"));
  EXPECT_THAT(FinessNumberError("2C0000024"), HasSubstr("chiffres"));
  EXPECT_THAT(FinessNumberError("0A0000024"), HasSubstr("chiffres"));
}

TEST(FinessNumberTest, CorsicanNumbersAreAcceptedWithoutKeyCheck) {
  EXPECT_TRUE(IsValidFinessNumber("2A0000012"));
  EXPECT_TRUE(IsValidFinessNumber("2B0000019"));
  EXPECT_FALSE(IsValidFinessNumber("2A00000X2"));
}

}  // namespace
}  // namespace ror::finess
