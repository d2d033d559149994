#include "libs/common/ids.h"

#include <set>

#include "gtest/gtest.h"

namespace ror {
namespace {

TEST(IdGeneratorTest, IdsAreUuidV7AndSortInCreationOrder) {
  FakeClock clock;
  IdGenerator ids(clock, 42);
  std::vector<std::string> made;
  for (int i = 0; i < 5000; ++i) {
    made.push_back(ids.NewId());
    if (i % 100 == 0) clock.Advance(absl::Milliseconds(1));
  }
  std::set<std::string> unique(made.begin(), made.end());
  EXPECT_EQ(unique.size(), made.size());
  EXPECT_TRUE(std::is_sorted(made.begin(), made.end()));
  for (const auto& id : made) {
    ASSERT_TRUE(IsUuid(id)) << id;
    EXPECT_EQ(id[14], '7') << id;  // version nibble
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos) << id;  // variant
  }
}

TEST(IdGeneratorTest, StalledClockStillGivesIncreasingIds) {
  FakeClock clock;
  IdGenerator ids(clock, 7);
  std::string prev = ids.NewId();
  for (int i = 0; i < 10000; ++i) {  // more than the 12-bit counter holds
    std::string next = ids.NewId();
    ASSERT_LT(prev, next);
    prev = next;
  }
}

TEST(IsUuidTest, RejectsMalformedText) {
  EXPECT_FALSE(IsUuid(""));
  EXPECT_FALSE(IsUuid("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2"));
  EXPECT_FALSE(IsUuid("0190A1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B"));
  EXPECT_TRUE(IsUuid("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"));
}

}  // namespace
}  // namespace ror
