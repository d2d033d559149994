#include "libs/jose/ecdsa_signature.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace ror::jose {
namespace {

using ::testing::Optional;

// R = 1, S = 0x80 followed by 31 zero bytes: small R (DER drops its leading zeros) and a high bit
// in S (DER prefixes a zero byte), the two shapes a conversion gets wrong.
std::string Raw() {
  std::string raw(kEs256SignatureSize, '\0');
  raw[31] = 1;
  raw[32] = static_cast<char>(0x80);
  return raw;
}

TEST(EcdsaSignatureTest, RawAndDerRoundTrip) {
  const std::optional<std::string> der = Es256RawToDer(Raw());
  ASSERT_TRUE(der.has_value());
  // SEQUENCE { INTEGER 1, INTEGER 0x0080... (33 bytes) }
  EXPECT_EQ(der->substr(0, 5), std::string("\x30\x26\x02\x01\x01", 5));
  EXPECT_THAT(Es256DerToRaw(*der), Optional(Raw()));
}

TEST(EcdsaSignatureTest, RefusesWrongSizes) {
  EXPECT_EQ(Es256RawToDer(Raw().substr(1)), std::nullopt);
  EXPECT_EQ(Es256RawToDer(Raw() + "x"), std::nullopt);
  EXPECT_EQ(Es256DerToRaw(""), std::nullopt);
  EXPECT_EQ(Es256DerToRaw("not der"), std::nullopt);
  // Trailing bytes after the ECDSA-Sig-Value.
  EXPECT_EQ(Es256DerToRaw(*Es256RawToDer(Raw()) + "x"), std::nullopt);
  // An R of 33 significant bytes does not fit R || S.
  const std::string big_r = std::string("\x30\x26\x02\x21\x01", 5) + std::string(32, '\x01') +
                            std::string("\x02\x01\x01", 3);
  EXPECT_EQ(Es256DerToRaw(big_r), std::nullopt);
}

}  // namespace
}  // namespace ror::jose
