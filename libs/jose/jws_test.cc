#include "libs/jose/jws.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/jose/base64url.h"

namespace ror::jose {
namespace {

using ::ror::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr JwsParseOptions kEnglish{
    .message_prefix = "id_token: ", .language = Language::kEnglish, .max_size = 1024};
constexpr JwsParseOptions kFrench{
    .message_prefix = "jeton : ", .language = Language::kFrench, .max_size = 1024};

TEST(JwsTest, SplitsWhatSigningInputWrites) {
  const nlohmann::json header = {{"alg", "ES256"}, {"kid", "k"}};
  const nlohmann::json payload = {{"sub", "s"}, {"n", 1}};
  const std::string input = SigningInput(header, payload);
  ASSERT_OK_AND_ASSIGN(CompactJws jws,
                       ParseCompactJws(input + "." + Base64UrlEncode("sig"), kEnglish));
  EXPECT_EQ(jws.header, header);
  EXPECT_EQ(jws.payload, payload);
  EXPECT_EQ(jws.signing_input, input);
  EXPECT_EQ(jws.signature, "sig");
}

TEST(JwsTest, AnEmptySignatureIsStillAJws) {
  // "alg": "none" tokens look like this; refusing them is the verifier's job, with a clear reason.
  ASSERT_OK_AND_ASSIGN(CompactJws jws, ParseCompactJws("e30.e30.", kEnglish));
  EXPECT_EQ(jws.signature, "");
}

TEST(JwsTest, SigningInputReplacesInvalidUtf8RatherThanThrowing) {
  const std::string input = SigningInput({{"alg", "ES256"}}, {{"name", "caf\xe9"}});
  ASSERT_OK_AND_ASSIGN(CompactJws jws, ParseCompactJws(input + ".", kEnglish));
  EXPECT_NE(jws.payload["name"].get<std::string>(), "caf\xe9");
}

TEST(JwsTest, RefusesInEnglishAfterTheCallersPrefix) {
  auto refused = [](absl::string_view why) {
    return StatusIs(absl::StatusCode::kUnauthenticated,
                    ::testing::AllOf(StartsWith("id_token: "), HasSubstr(why)));
  };
  EXPECT_THAT(ParseCompactJws("a.b", kEnglish), refused("not a compact JWS"));
  EXPECT_THAT(ParseCompactJws("e30.e30.e30.e30", kEnglish), refused("not a compact JWS"));
  EXPECT_THAT(ParseCompactJws("e30=.e30.", kEnglish), refused("header is not base64url"));
  EXPECT_THAT(ParseCompactJws("W10.e30.AA", kEnglish), refused("header is not a JSON object"));
  EXPECT_THAT(ParseCompactJws("e30.!!.AA", kEnglish), refused("payload is not base64url"));
  EXPECT_THAT(ParseCompactJws("e30.bm90IGpzb24.AA", kEnglish),
              refused("payload is not a JSON object"));
  EXPECT_THAT(ParseCompactJws("e30.e30.A", kEnglish), refused("signature is not base64url"));
  EXPECT_THAT(ParseCompactJws(std::string(1025, 'a'), kEnglish), refused("too long"));
}

TEST(JwsTest, RefusesInFrenchAfterTheCallersPrefix) {
  auto refused = [](absl::string_view why) {
    return StatusIs(absl::StatusCode::kUnauthenticated,
                    ::testing::AllOf(StartsWith("jeton : "), HasSubstr(why)));
  };
  EXPECT_THAT(ParseCompactJws("a.b", kFrench), refused("trois parties"));
  EXPECT_THAT(ParseCompactJws("e30=.e30.", kFrench), refused("l'en-tête n'est pas en base64url"));
  EXPECT_THAT(ParseCompactJws("bm90IGpzb24.e30.", kFrench),
              refused("l'en-tête n'est pas un objet JSON"));
  EXPECT_THAT(ParseCompactJws("e30.!!.AA", kFrench), refused("le contenu n'est pas en base64url"));
  EXPECT_THAT(ParseCompactJws("e30.e30.A", kFrench),
              refused("la signature n'est pas en base64url"));
  EXPECT_THAT(ParseCompactJws(std::string(1025, 'a'), kFrench), refused("trop long"));
}

TEST(JwsTest, ATokenOfExactlyTheLimitIsAccepted) {
  const std::string token = SigningInput({{"alg", "ES256"}}, {{"sub", "s"}}) + ".AAAA";
  JwsParseOptions options = kEnglish;
  options.max_size = token.size();
  EXPECT_OK(ParseCompactJws(token, options));
  options.max_size = token.size() - 1;
  EXPECT_THAT(ParseCompactJws(token, options),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("too long")));
}

}  // namespace
}  // namespace ror::jose
