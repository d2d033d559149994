#include "services/auth/app/key_ring.h"

#include <sys/stat.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/testing/temp_dir.h"
#include "nlohmann/json.hpp"

namespace ror::auth::app {
namespace {

using ::testing::ElementsAre;
using ::testing::SizeIs;

std::vector<std::string> Kids(KeyRing& ring) {
  std::vector<std::string> kids;
  const nlohmann::json jwks = nlohmann::json::parse(ring.JwksJson());
  for (const auto& jwk : jwks["keys"]) kids.push_back(jwk["kid"]);
  return kids;
}

std::string SigningKid(KeyRing& ring) {
  absl::StatusOr<authz::Es256Key> key = ring.SigningKey();
  return key.ok() ? key->kid() : key.status().ToString();
}

TEST(KeyRingTest, KeysArePrivateFilesReloadedAtStart) {
  ror::testing::TempDir dir;
  FakeClock clock;
  const KeyRingOptions options{.dir = dir.path() / "keys"};
  std::string kid;
  {
    ASSERT_OK_AND_ASSIGN(auto ring, KeyRing::Open(options, clock));
    kid = SigningKid(*ring);
  }
  const auto file = options.dir / (kid + ".pem");
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  ASSERT_OK_AND_ASSIGN(auto reopened, KeyRing::Open(options, clock));
  ASSERT_OK_AND_ASSIGN(authz::Es256Key key, reopened->SigningKey());
  EXPECT_EQ(key.kid(), kid);
  EXPECT_TRUE(key.has_private());
}

TEST(KeyRingTest, TheNextKeyIsPublishedBeforeItSignsAndTheLastOneKeptUntilItsTokensExpire) {
  ror::testing::TempDir dir;
  FakeClock clock;
  ASSERT_OK_AND_ASSIGN(auto ring, KeyRing::Open(KeyRingOptions{.dir = dir.path(),
                                                               .rotation = absl::Hours(24),
                                                               .publish_ahead = absl::Minutes(1),
                                                               .retention = absl::Minutes(6)},
                                                clock));
  const std::string first = SigningKid(*ring);
  EXPECT_THAT(Kids(*ring), ElementsAre(first));
  clock.Advance(absl::Hours(24) - absl::Minutes(1));
  // Published now, signing in a minute.
  EXPECT_EQ(SigningKid(*ring), first);
  const std::vector<std::string> published = Kids(*ring);
  ASSERT_THAT(published, SizeIs(2));
  const std::string second = published[1];
  clock.Advance(absl::Seconds(59));
  EXPECT_EQ(SigningKid(*ring), first);
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(SigningKid(*ring), second);
  // The first key stays until the tokens it signed last have expired.
  clock.Advance(absl::Minutes(6));
  EXPECT_THAT(Kids(*ring), ElementsAre(first, second));
  clock.Advance(absl::Seconds(1));
  EXPECT_THAT(Kids(*ring), ElementsAre(second));
}

TEST(KeyRingTest, RotateSwitchesAtOnce) {
  ror::testing::TempDir dir;
  FakeClock clock;
  ASSERT_OK_AND_ASSIGN(auto ring, KeyRing::Open(KeyRingOptions{.dir = dir.path()}, clock));
  const std::string first = SigningKid(*ring);
  clock.Advance(absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(std::string second, ring->Rotate());
  EXPECT_EQ(SigningKid(*ring), second);
  EXPECT_THAT(Kids(*ring), ElementsAre(first, second));
}

}  // namespace
}  // namespace ror::auth::app
