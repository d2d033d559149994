#include "gateway/http/trace_context.h"

#include "gtest/gtest.h"

namespace ror::gateway::http {
namespace {

TEST(TraceContextTest, AWellFormedTraceParentIsReadAndContinued) {
  const std::optional<TraceParent> caller =
      ParseTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(caller.has_value());
  EXPECT_TRUE(caller->sampled);
  const TraceParent next = NextHop(caller);
  EXPECT_EQ(next.trace_id, caller->trace_id);
  EXPECT_NE(next.parent_id, caller->parent_id);
  EXPECT_EQ(ParseTraceParent(next.ToString())->trace_id, caller->trace_id);
}

TEST(TraceContextTest, AMalformedTraceParentStartsANewTrace) {
  for (const char* bad : {"", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                          "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                          "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"}) {
    EXPECT_FALSE(ParseTraceParent(bad).has_value()) << bad;
  }
  const TraceParent fresh = NextHop(std::nullopt);
  EXPECT_TRUE(ParseTraceParent(fresh.ToString()).has_value());
}

TEST(TraceContextTest, ARequestIdIsKeptWhenVisibleAsciiAndShort) {
  EXPECT_EQ(RequestIdOf("abc-123"), "abc-123");
  EXPECT_EQ(RequestIdOf("").size(), 32u);
  EXPECT_NE(RequestIdOf("a b"), "a b");
  EXPECT_NE(RequestIdOf(std::string(129, 'x')), std::string(129, 'x'));
}

}  // namespace
}  // namespace ror::gateway::http
