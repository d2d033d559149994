#include "gateway/rest/openapi.h"

#include <functional>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_replace.h"
#include "gateway/rest/request_target.h"
#include "gateway/rest/rest_api.h"
#include "gateway/rest/routes.h"
#include "gtest/gtest.h"

namespace ror::gateway::rest {
namespace {

using nlohmann::json;

// Every "$ref" anywhere in `node`.
void CollectRefs(const json& node, std::set<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs.insert(value.get<std::string>());
      CollectRefs(value, refs);
    }
  } else if (node.is_array()) {
    for (const json& item : node) CollectRefs(item, refs);
  }
}

class OpenApiTest : public ::testing::Test {
 protected:
  OpenApiTest() : upstreams_({}, absl::Seconds(1)), api_(upstreams_) {
    context_.request_id = "openapi";
  }

  http::Response Send(http::Verb verb, const std::string& target) {
    http::Request request(verb, target, 11);
    if (verb == http::Verb::post || verb == http::Verb::put || verb == http::Verb::patch) {
      request.set(http::Field::content_type, "application/json");
      request.body() = "{}";
      request.prepare_payload();
    }
    return api_.Handle(request, context_);
  }

  Upstreams upstreams_;  // none: a route that is served ends at « service non configuré »
  RestApi api_;
  http::RequestContext context_;
};

TEST_F(OpenApiTest, TheDocumentIsServedAndDescribesExactlyTheRoutesServed) {
  const http::Response response = Send(http::Verb::get, kOpenApiPath);
  ASSERT_EQ(response.result_int(), 200u);
  const json document = json::parse(response.body());
  EXPECT_EQ(document["openapi"], "3.0.3");

  size_t operations = 0;
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      ++operations;
      // Each {field} of the path is declared, and the route answers at a concrete address.
      std::set<std::string> declared;
      for (const json& p : operation.value("parameters", json::array())) {
        if (p["in"] == "path") declared.insert(p["name"].get<std::string>());
      }
      std::string concrete = path;
      for (const std::string& field : PathFields(path)) {
        EXPECT_TRUE(declared.contains(field)) << method << " " << path << ": " << field;
        concrete = absl::StrReplaceAll(concrete, {{"{" + field + "}", "x1"}});
      }
      const http::Verb verb = boost::beast::http::string_to_verb(absl::AsciiStrToUpper(method));
      const http::Response served = Send(verb, concrete);
      EXPECT_EQ(served.result_int(), 503u) << method << " " << concrete << ": " << served.body();
    }
  }
  EXPECT_EQ(operations, RestRoutes().size());

  std::set<std::string> refs;
  CollectRefs(document, refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    const std::string name = ref.substr(std::string("#/components/schemas/").size());
    EXPECT_TRUE(document["components"]["schemas"].contains(name)) << ref;
  }
}

TEST_F(OpenApiTest, AnAddressTheDocumentDoesNotListIsNotServed) {
  EXPECT_EQ(Send(http::Verb::get, "/api/v1/offres").result_int(), 405u);  // POST only
  EXPECT_EQ(Send(http::Verb::get, "/api/v1/lieux/x1").result_int(), 404u);
}

}  // namespace
}  // namespace ror::gateway::rest
