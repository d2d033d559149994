#include "libs/jose/base64url.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::jose {
namespace {

using ::testing::Optional;

TEST(Base64UrlTest, EncodesWithoutPaddingInTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff\xbf"), "-_-_");
}

TEST(Base64UrlTest, DecodesWhatItEncodes) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t n = 0; n < all.size(); n += 7) {
    EXPECT_THAT(Base64UrlDecode(Base64UrlEncode(all.substr(0, n))), Optional(all.substr(0, n)));
  }
}

TEST(Base64UrlTest, RefusesPaddingStandardAlphabetAndNonCanonicalSpellings) {
  EXPECT_EQ(Base64UrlDecode("Zg=="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("+/+/"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v Zg"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Z"), std::nullopt);    // a lone sixth of a byte
  EXPECT_EQ(Base64UrlDecode("Zh"), std::nullopt);   // "f" with non-zero trailing bits
  EXPECT_EQ(Base64UrlDecode("Zm9"), std::nullopt);  // "fo" with non-zero trailing bits
  EXPECT_EQ(Base64UrlDecode("Zg="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v\n"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode(absl::string_view("Zg\0", 3)), std::nullopt);
}

TEST(Base64UrlTest, DecodesTheEmptyString) {
  EXPECT_THAT(Base64UrlDecode(""), Optional(std::string()));
}

}  // namespace
}  // namespace ror::jose
