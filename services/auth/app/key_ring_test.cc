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

TEST(KeyRingTest, KeysArePrivateFilesReloadedAtStart) {
  ror::testing::TempDir dir;
  FakeClock clock;
  const KeyRingOptions options{.dir = dir.path() / "keys"};
  std::string kid;
  {
    ASSERT_OK_AND_ASSIGN(auto ring, KeyRing::Open(options, clock));
    ASSERT_OK_AND_ASSIGN(authz::Es256Key key, ring->SigningKey());
    kid = key.kid();
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

TEST(KeyRingTest, ARetiredKeyStaysPublishedUntilItsTokensExpire) {
  ror::testing::TempDir dir;
  FakeClock clock;
  ASSERT_OK_AND_ASSIGN(auto ring, KeyRing::Open(KeyRingOptions{.dir = dir.path(),
                                                               .rotation = absl::Hours(24),
                                                               .retention = absl::Minutes(6)},
                                                clock));
  const std::string first = ring->SigningKey()->kid();
  clock.Advance(absl::Hours(24));
  const std::string second = ring->SigningKey()->kid();  // rotated: due
  EXPECT_NE(first, second);
  EXPECT_THAT(Kids(*ring), ElementsAre(first, second));
  clock.Advance(absl::Minutes(6) + absl::Seconds(1));
  EXPECT_THAT(Kids(*ring), ElementsAre(second));
  ASSERT_OK_AND_ASSIGN(std::string third, ring->Rotate());
  EXPECT_EQ(ring->SigningKey()->kid(), third);
  EXPECT_THAT(Kids(*ring), SizeIs(2));
}

}  // namespace
}  // namespace ror::auth::app
