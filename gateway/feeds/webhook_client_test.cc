#include "gateway/feeds/webhook_client.h"

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::gateway::feeds {
namespace {

TEST(WebhookSignatureTest, IsTheHmacSha256OfTheTimeAndTheBody) {
  // Computed apart, with Python's hmac module.
  EXPECT_EQ(WebhookSignature("secret", absl::FromUnixSeconds(1700000000), R"({"a":1})"),
            "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
}

TEST(DeliverTest, NoReceiverIsAnErrorSayingSo) {
  ASSERT_OK_AND_ASSIGN(http::HttpUrl url, http::ParseHttpUrl("http://127.0.0.1:1/"));
  const absl::Status status =
      Deliver({.url = url, .headers = {}, .body = "{}"}, absl::Seconds(2), "");
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_THAT(status.message(), ::testing::HasSubstr("connexion"));
}

}  // namespace
}  // namespace ror::gateway::feeds
