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
      Deliver({.url = url, .headers = {}, .body = "{}"},
              {.timeout = absl::Seconds(2), .ca_file = "", .internal_addresses = true});
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  EXPECT_THAT(status.message(), ::testing::HasSubstr("connexion"));
}

// Whatever a name resolves to at delivery, an internal address is not called unless allowed.
TEST(DeliverTest, AnInternalAddressIsNotCalledUnlessAllowed) {
  for (const char* inside : {"http://127.0.0.1:1/", "http://localhost:1/", "http://[::1]:1/"}) {
    ASSERT_OK_AND_ASSIGN(http::HttpUrl url, http::ParseHttpUrl(inside));
    const absl::Status status =
        Deliver({.url = url, .headers = {}, .body = "{}"},
                {.timeout = absl::Seconds(2), .ca_file = "", .internal_addresses = false});
    EXPECT_TRUE(absl::IsPermissionDenied(status)) << inside << " " << status;
    EXPECT_THAT(status.message(), ::testing::HasSubstr("internes")) << inside;
  }
}

TEST(DeliverTest, InternalAddressesAreThoseInsideANetwork) {
  for (const char* inside : {"127.0.0.1", "127.8.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                             "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1",
                             "fe80::1", "fd00::1", "::ffff:10.0.0.1"}) {
    EXPECT_TRUE(IsInternalAddress(boost::asio::ip::make_address(inside))) << inside;
  }
  for (const char* outside : {"8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "203.0.113.7",
                              "2001:db8::1", "2606:4700::1111", "::ffff:8.8.8.8"}) {
    EXPECT_FALSE(IsInternalAddress(boost::asio::ip::make_address(outside))) << outside;
  }
}

}  // namespace
}  // namespace ror::gateway::feeds
