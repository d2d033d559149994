#include "gateway/feeds/feeds_api.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "gateway/feeds/feeds_openapi.h"
#include "gateway/feeds/feeds_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {
namespace {

using nlohmann::json;

class FeedsApiTest : public ::testing::Test, protected testing::DirectoryWithRennes {
 protected:
  FeedsApiTest()
      : streams_(resources(), {}),
        webhooks_(*Webhooks::Open(path() / "webhooks", resources(),
                                  [] {
                                    WebhookOptions options;
                                    options.internal_addresses =
                                        true;  // the receivers here are on this machine
                                    return options;
                                  }())),
        api_(streams_, webhooks_.get()) {
    EXPECT_OK(webhooks_->Start());
  }

  http::Reply Send(http::Verb verb, const std::string& target, const authz::Principal& caller,
                   const std::string& body = "") {
    http::Request request(verb, target, 11);
    if (!body.empty()) {
      request.set(http::Field::content_type, "application/json");
      request.body() = body;
      request.prepare_payload();
    }
    return api_.Handle(request, http::RequestContext{}, caller);
  }

  std::string Subscribe(const authz::Principal& owner) {
    const http::Reply created =
        Send(http::Verb::post, "/api/v1/webhooks", owner,
             R"({"url": "http://127.0.0.1:1/hook", "type": ["HealthcareService"]})");
    EXPECT_EQ(created.response.result_int(), 201u) << created.response.body();
    return json::parse(created.response.body())["id"];
  }

  const authz::Principal client_ = authz::testing::ApiClientWith(1, "c-1");
  ChangeStreams streams_;
  std::unique_ptr<Webhooks> webhooks_;
  FeedsApi api_;
};

TEST_F(FeedsApiTest, EveryDocumentedOperationIsServed) {
  const std::string id = Subscribe(client_);
  size_t operations = 0;
  const json paths = FeedsOpenApiPaths();
  for (const auto& [path, methods] : paths.items()) {
    EXPECT_TRUE(FeedsApi::Serves(path)) << path;
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      const http::Verb verb = boost::beast::http::string_to_verb(absl::AsciiStrToUpper(method));
      // A deletion gets a subscription of its own: the others still need theirs.
      const std::string concrete = absl::StrReplaceAll(
          path, {{"{id}", verb == http::Verb::delete_ ? Subscribe(client_) : id}});
      const http::Reply reply =
          Send(verb, concrete, client_, verb == http::Verb::post ? R"({"url": "https://h/"})" : "");
      const unsigned status = reply.response.result_int();
      EXPECT_TRUE(status / 100 == 2)
          << method << " " << concrete << ": " << status << " " << reply.response.body();
    }
  }
  EXPECT_EQ(operations, 8u);
}

TEST_F(FeedsApiTest, AWebhookIsItsOwnersOrANationalAdministrateursOnly) {
  const std::string id = Subscribe(client_);
  const authz::Principal other = authz::testing::ApiClientWith(1, "c-2");
  EXPECT_EQ(Send(http::Verb::get, "/api/v1/webhooks/" + id, other).response.result_int(), 404u);
  EXPECT_EQ(json::parse(Send(http::Verb::get, "/api/v1/webhooks", other).response.body()),
            json::parse(R"({"webhooks": []})"));
  EXPECT_EQ(
      Send(http::Verb::get, "/api/v1/webhooks/" + id, authz::testing::NationalAdministrateur())
          .response.result_int(),
      200u);
  const http::Reply anonymous = Send(http::Verb::get, "/api/v1/webhooks", authz::Anonymous());
  EXPECT_EQ(anonymous.response.result_int(), 401u);
  EXPECT_EQ(Send(http::Verb::delete_, "/api/v1/webhooks/" + id, other).response.result_int(), 404u);
  EXPECT_EQ(Send(http::Verb::delete_, "/api/v1/webhooks/" + id, client_).response.result_int(),
            204u);
}

TEST_F(FeedsApiTest, OnlyItsOwnerRenewsAWebhook) {
  const std::string id = Subscribe(client_);
  const json before =
      json::parse(Send(http::Verb::get, "/api/v1/webhooks/" + id, client_).response.body());
  std::string error;
  absl::Time first;
  ASSERT_TRUE(
      absl::ParseTime(absl::RFC3339_full, before["expiresAt"].get<std::string>(), &first, &error))
      << error;
  EXPECT_GT(first, absl::Now() + absl::Hours(24 * 29));  // the default lifetime, 30 days
  EXPECT_LT(first, absl::Now() + absl::Hours(24 * 31));
  // A national administrateur manages it, but the grants it delivers with are its owner's alone.
  EXPECT_EQ(Send(http::Verb::post, "/api/v1/webhooks/" + id + "/renewal",
                 authz::testing::NationalAdministrateur())
                .response.result_int(),
            403u);
  EXPECT_EQ(Send(http::Verb::post, "/api/v1/webhooks/" + id + "/renewal",
                 authz::testing::ApiClientWith(1, "c-2"))
                .response.result_int(),
            404u);
  EXPECT_EQ(
      Send(http::Verb::get, "/api/v1/webhooks/" + id + "/renewal", client_).response.result_int(),
      405u);
  absl::SleepFor(absl::Milliseconds(5));
  const http::Reply renewed =
      Send(http::Verb::post, "/api/v1/webhooks/" + id + "/renewal", client_);
  ASSERT_EQ(renewed.response.result_int(), 200u) << renewed.response.body();
  absl::Time second;
  ASSERT_TRUE(absl::ParseTime(absl::RFC3339_full,
                              json::parse(renewed.response.body())["expiresAt"].get<std::string>(),
                              &second, &error))
      << error;
  EXPECT_GT(second, first);
}

TEST_F(FeedsApiTest, ABadSubscriptionNamesItsField) {
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"type": "HealthcareService"})", "url"},
           {R"({"url": "ftp://x/"})", "url"},
           {R"({"url": "http://hooks.example.fr/"})", "url"},
           {R"({"url": "http://x/", "region": ["99"]})", "region"},
           {R"({"url": "http://x/", "etablissement": 350000741})", "etablissement"},
           {R"({"url": "http://x/", "secret": "mien"})", "secret"},
           {R"([1, 2])", "body"}}) {
    const http::Reply reply = Send(http::Verb::post, "/api/v1/webhooks", client_, body);
    EXPECT_EQ(reply.response.result_int(), 400u) << body;
    EXPECT_EQ(json::parse(reply.response.body())["violations"][0]["field"], field) << body;
  }
  EXPECT_EQ(Send(http::Verb::put, "/api/v1/webhooks", client_).response.result_int(), 405u);
}

}  // namespace
}  // namespace ror::gateway::feeds
