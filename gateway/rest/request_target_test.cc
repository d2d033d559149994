#include "gateway/rest/request_target.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::rest {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(RequestTargetTest, TheQueryIsDecodedInOrder) {
  ASSERT_OK_AND_ASSIGN(const Target target,
                       ParseTarget("/api/v1/x?finess_eg=1&finess_eg=2&texte=h%C3%B4pital+bourg&v"));
  EXPECT_EQ(target.path, "/api/v1/x");
  EXPECT_THAT(target.query, ElementsAre(Pair("finess_eg", "1"), Pair("finess_eg", "2"),
                                        Pair("texte", "hôpital bourg"), Pair("v", "")));
}

TEST(RequestTargetTest, AMalformedEscapeNamesItsParameter) {
  const absl::StatusOr<Target> target = ParseTarget("/x?texte=%E");
  EXPECT_EQ(target.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(target.status().message()), ::testing::HasSubstr("texte"));
}

TEST(RequestTargetTest, APathMatchesSegmentBySegment) {
  EXPECT_THAT(MatchPath("/api/v1/offres/{offre_id}/move", "/api/v1/offres/o%201/move"),
              ::testing::Optional(ElementsAre(Pair("offre_id", "o 1"))));
  EXPECT_EQ(MatchPath("/api/v1/offres/{offre_id}", "/api/v1/offres/"), std::nullopt);
  EXPECT_EQ(MatchPath("/api/v1/offres/{offre_id}", "/api/v1/offres/a/b"), std::nullopt);
  EXPECT_EQ(MatchPath("/api/v1/offres", "/api/v1/offre"), std::nullopt);
}

}  // namespace
}  // namespace ror::gateway::rest
