#include "gateway/http/http_url.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::http {
namespace {

TEST(HttpUrlTest, SchemeHostPortAndTarget) {
  ASSERT_OK_AND_ASSIGN(HttpUrl plain, ParseHttpUrl("http://receiver.example/hooks/ror?x=1"));
  EXPECT_FALSE(plain.tls);
  EXPECT_EQ(plain.host, "receiver.example");
  EXPECT_EQ(plain.port, "80");
  EXPECT_EQ(plain.target, "/hooks/ror?x=1");
  ASSERT_OK_AND_ASSIGN(HttpUrl secure, ParseHttpUrl("https://127.0.0.1:8443"));
  EXPECT_TRUE(secure.tls);
  EXPECT_EQ(secure.host, "127.0.0.1");
  EXPECT_EQ(secure.port, "8443");
  EXPECT_EQ(secure.target, "/");
}

TEST(HttpUrlTest, AnIpv6AddressAndAFragment) {
  ASSERT_OK_AND_ASSIGN(HttpUrl v6, ParseHttpUrl("http://[::1]:8080/hook#part"));
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, "8080");
  EXPECT_EQ(v6.target, "/hook");
  ASSERT_OK_AND_ASSIGN(HttpUrl query, ParseHttpUrl("https://h.example.fr?a=1"));
  EXPECT_EQ(query.host, "h.example.fr");
  EXPECT_EQ(query.target, "/?a=1");
}

TEST(HttpUrlTest, WhatIsNotAnHttpUrlIsRefusedSayingWhy) {
  EXPECT_THAT(ParseHttpUrl("http://x\r\nHost: y/").status().message(),
              ::testing::HasSubstr("hôte"));
  EXPECT_THAT(ParseHttpUrl("http://[::1/").status().message(), ::testing::HasSubstr("]"));
  EXPECT_THAT(ParseHttpUrl("http://x:/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseHttpUrl("ftp://x/").status().message(), ::testing::HasSubstr("http://"));
  EXPECT_THAT(ParseHttpUrl("http://:80/").status().message(), ::testing::HasSubstr("hôte"));
  EXPECT_THAT(ParseHttpUrl("http://x:0/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseHttpUrl("http://x:99999/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseHttpUrl("http://user:pw@x/").status().message(),
              ::testing::HasSubstr("identifiants"));
  EXPECT_THAT(ParseHttpUrl("http://x/a b").status().message(), ::testing::HasSubstr("espace"));
}

}  // namespace
}  // namespace ror::gateway::http
