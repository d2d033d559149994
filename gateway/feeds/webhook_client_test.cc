#include "gateway/feeds/webhook_client.h"

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::feeds {
namespace {

TEST(WebhookUrlTest, SchemeHostPortAndTarget) {
  ASSERT_OK_AND_ASSIGN(WebhookUrl plain, ParseWebhookUrl("http://receiver.example/hooks/ror?x=1"));
  EXPECT_FALSE(plain.tls);
  EXPECT_EQ(plain.host, "receiver.example");
  EXPECT_EQ(plain.port, "80");
  EXPECT_EQ(plain.target, "/hooks/ror?x=1");
  ASSERT_OK_AND_ASSIGN(WebhookUrl secure, ParseWebhookUrl("https://127.0.0.1:8443"));
  EXPECT_TRUE(secure.tls);
  EXPECT_EQ(secure.host, "127.0.0.1");
  EXPECT_EQ(secure.port, "8443");
  EXPECT_EQ(secure.target, "/");
}

TEST(WebhookUrlTest, AnIpv6AddressAndAFragment) {
  ASSERT_OK_AND_ASSIGN(WebhookUrl v6, ParseWebhookUrl("http://[::1]:8080/hook#part"));
  EXPECT_EQ(v6.host, "::1");
  EXPECT_EQ(v6.port, "8080");
  EXPECT_EQ(v6.target, "/hook");
  ASSERT_OK_AND_ASSIGN(WebhookUrl query, ParseWebhookUrl("https://h.example.fr?a=1"));
  EXPECT_EQ(query.host, "h.example.fr");
  EXPECT_EQ(query.target, "/?a=1");
}

TEST(WebhookUrlTest, WhatIsNotAnHttpUrlIsRefusedSayingWhy) {
  EXPECT_THAT(ParseWebhookUrl("http://x\r\nHost: y/").status().message(),
              ::testing::HasSubstr("hôte"));
  EXPECT_THAT(ParseWebhookUrl("http://[::1/").status().message(), ::testing::HasSubstr("]"));
  EXPECT_THAT(ParseWebhookUrl("http://x:/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseWebhookUrl("ftp://x/").status().message(), ::testing::HasSubstr("http://"));
  EXPECT_THAT(ParseWebhookUrl("http://:80/").status().message(), ::testing::HasSubstr("hôte"));
  EXPECT_THAT(ParseWebhookUrl("http://x:0/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseWebhookUrl("http://x:99999/").status().message(), ::testing::HasSubstr("port"));
  EXPECT_THAT(ParseWebhookUrl("http://user:pw@x/").status().message(),
              ::testing::HasSubstr("identifiants"));
  EXPECT_THAT(ParseWebhookUrl("http://x/a b").status().message(), ::testing::HasSubstr("espace"));
}

TEST(WebhookSignatureTest, IsTheHmacSha256OfTheTimeAndTheBody) {
  // Computed apart, with Python's hmac module.
  EXPECT_EQ(WebhookSignature("secret", absl::FromUnixSeconds(1700000000), R"({"a":1})"),
            "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
}

TEST(DeliverTest, NoReceiverIsAnErrorSayingSo) {
  ASSERT_OK_AND_ASSIGN(WebhookUrl url, ParseWebhookUrl("http://127.0.0.1:1/"));
  const absl::Status status =
      Deliver({.url = url, .headers = {}, .body = "{}"}, absl::Seconds(2), "");
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_THAT(status.message(), ::testing::HasSubstr("connexion"));
}

}  // namespace
}  // namespace ror::gateway::feeds
