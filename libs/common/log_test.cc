#include "libs/common/log.h"

#include "gtest/gtest.h"

namespace ror::log {
namespace {

TEST(LogTest, EscapesJsonSpecialCharacters) {
  std::string out;
  AppendJsonEscaped(out, "a\"b\\c\nd\x01é");
  EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\u0001é");
}

TEST(LogTest, WritesOneJsonObjectPerLineWithServiceAndFields) {
  Init("offre", "info");
  ::testing::internal::CaptureStderr();
  Info("append done", {{"trace_id", "t1"}, {"event_id", "e\"1"}});
  Debug("not shown");
  std::string line = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(line.find(R"("service":"offre")"), std::string::npos) << line;
  const std::string tail = R"("msg":"append done","trace_id":"t1","event_id":"e\"1"})" "\n";
  ASSERT_GE(line.size(), tail.size());
  EXPECT_EQ(line.substr(line.size() - tail.size()), tail);
  EXPECT_EQ(line.find("not shown"), std::string::npos);
  EXPECT_EQ(line.front(), '{');
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
}

}  // namespace
}  // namespace ror::log
