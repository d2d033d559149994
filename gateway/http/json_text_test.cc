#include "gateway/http/json_text.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace ror::gateway::http {
namespace {

using nlohmann::json;

// What nlohmann writes, which JsonText must write byte for byte.
std::string Dumped(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

TEST(JsonTextTest, WritesWhatDumpWrites) {
  const json value = {
      {"resourceType", "HealthcareService"},
      {"name", "Hôpital « Pontchaillou » — unité 12"},
      {"escapes", "quote \" backslash \\ slash / tab \t newline \n cr \r bell \x07 del \x7f"},
      {"controls", std::string("\x00\x01\x1f\b\f", 5)},
      {"numbers", {0, -1, 42, INT64_MIN, INT64_MAX, UINT64_MAX}},
      {"floats", {48.1173, -1.6778, 0.5, 1.0, 1e21, 3.14159265358979}},
      {"flags", {true, false, nullptr}},
      {"empty", {{"object", json::object()}, {"array", json::array()}, {"string", ""}}},
      {"unicode", "𝄞 日本 ü €"},
  };
  EXPECT_EQ(JsonText(value), Dumped(value));
  EXPECT_EQ(json::parse(JsonText(value)), value);
}

TEST(JsonTextTest, ReplacesWhatIsNotUtf8AsDumpDoes) {
  const std::vector<std::string> broken = {
      "\x80",              // a continuation byte alone
      "a\xC3",             // a sequence cut by the end
      "\xC3(",             // a sequence broken by ASCII, which is kept
      "\xC0\xAF",          // an overlong form
      "\xE0\x80\xAF",      // an overlong form of three bytes
      "\xED\xA0\x80",      // a surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF0\x9F\x98",      // four bytes cut after three
      "\xFF\xFEok",        // bytes that never begin anything
      "caf\xE9 cr\xE8me",  // Latin-1
  };
  for (const std::string& text : broken) {
    const std::string ours = JsonText(text);
    EXPECT_EQ(ours, Dumped(text)) << "for the bytes of « " << text << " »";
    EXPECT_NO_THROW(json::parse(ours));
    EXPECT_NE(ours.find("\xEF\xBF\xBD"), std::string::npos);
  }
}

TEST(JsonTextTest, RandomBytesAsDumpWritesThem) {
  std::mt19937 rng(2026);
  // Bytes drawn mostly from where UTF-8's rules are decided: ASCII, the lead bytes and the
  // continuation bytes.
  const std::string alphabet =
      "az\"\\\n\x01 \x7f\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xec\xed\xee\xef\xf0\xf1"
      "\xf3\xf4\xf5\xff";
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int length = static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    const json value = {{"k" + text, text}};
    ASSERT_EQ(JsonText(value), Dumped(value)) << "case " << n;
  }
}

TEST(JsonTextTest, AppendsAStringQuotedAndEscaped) {
  std::string out = "[";
  AppendJsonString("a \"b\"", out);
  out += ",";
  AppendJson(json{{"x", 1}}, out);
  out += "]";
  EXPECT_EQ(out, R"(["a \"b\"",{"x":1}])");
}

}  // namespace
}  // namespace ror::gateway::http
