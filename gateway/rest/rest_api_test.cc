#include "gateway/rest/rest_api.h"

#include <atomic>
#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "libs/common/field_violations.h"
#include "libs/common/status_matchers.h"
#include "libs/server/call_metadata.h"
#include "libs/server/grpc_status.h"
#include "nlohmann/json.hpp"
#include "ror/v1/offre.grpc.pb.h"
#include "ror/v1/search.grpc.pb.h"

namespace ror::gateway::rest {
namespace {

using ::testing::HasSubstr;

// What a fake service saw of its last call.
struct Seen {
  std::atomic<int> calls{0};
  std::string authorization, correlation_id, traceparent;
  void Record(const grpc::ServerContext& context) {
    ++calls;
    authorization = server::ClientMetadata(context, "authorization");
    correlation_id = server::ClientMetadata(context, "x-correlation-id");
    traceparent = server::ClientMetadata(context, "traceparent");
  }
};

class FakeSearch final : public v1::SearchService::Service {
 public:
  explicit FakeSearch(Seen& seen) : seen_(seen) {}
  grpc::Status Suggest(grpc::ServerContext* context, const v1::SuggestRequest* request,
                       v1::SuggestResponse* response) override {
    seen_.Record(*context);
    for (int i = 0; i < request->limit(); ++i) {
      response->add_hits()->set_nom(request->prefix() + std::to_string(i));
    }
    return grpc::Status::OK;
  }
  grpc::Status Search(grpc::ServerContext* context, const v1::SearchRequest* request,
                      v1::SearchResponse* response) override {
    seen_.Record(*context);
    FieldViolations violations;
    violations.Add("criteria.proximite.rayon_km", "range", "entre 1 et 200 km");
    return server::ToGrpcStatus(violations.ToStatus());
  }
  grpc::Status SaveSearch(grpc::ServerContext* context, const v1::SaveSearchRequest* request,
                          v1::SavedSearch* response) override {
    seen_.Record(*context);
    *response = request->search();
    response->set_id(request->request_id());  // what the gateway put there, for the test
    return grpc::Status::OK;
  }
  grpc::Status ExportSearch(grpc::ServerContext* context, const v1::ExportSearchRequest* request,
                            grpc::ServerWriter<v1::ExportChunk>* writer) override {
    seen_.Record(*context);
    v1::ExportChunk chunk;
    chunk.set_csv("type;id;nom\n");
    writer->Write(chunk);
    chunk.set_csv("offre;o1;" + request->criteria().texte() + "\n");
    writer->Write(chunk);
    return grpc::Status::OK;
  }
  grpc::Status GetIndexStatus(grpc::ServerContext* context, const v1::GetIndexStatusRequest*,
                              v1::IndexStatus*) override {
    seen_.Record(*context);
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "jeton absent");
  }

 private:
  Seen& seen_;
};

class FakeOffre final : public v1::OffreService::Service {
 public:
  explicit FakeOffre(Seen& seen) : seen_(seen) {}
  grpc::Status GetOffre(grpc::ServerContext* context, const v1::GetOffreRequest* request,
                        v1::Offre* response) override {
    seen_.Record(*context);
    response->set_offre_id(request->offre_id());
    response->set_nom("Cardiologie");
    response->set_published(true);
    return grpc::Status::OK;
  }

 private:
  Seen& seen_;
};

class RestApiTest : public ::testing::Test {
 protected:
  RestApiTest() : search_(seen_), offre_(seen_) {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&search_);
    builder.RegisterService(&offre_);
    server_ = builder.BuildAndStart();
    const std::string address = "127.0.0.1:" + std::to_string(port);
    upstreams_ = std::make_unique<Upstreams>(
        std::map<std::string, std::string>{{"search", address}, {"offre", address}},
        absl::Seconds(5));
    api_ = std::make_unique<RestApi>(*upstreams_);
    context_.request_id = "req-42";
    context_.trace = http::NextHop(std::nullopt);
  }
  ~RestApiTest() override { server_->Shutdown(); }

  http::Response Send(http::Verb verb, const std::string& target, const std::string& body = "",
                      const std::string& content_type = "application/json") {
    http::Request request(verb, target, 11);
    request.set(http::Field::authorization, "Bearer jeton-de-test");
    if (!body.empty()) {
      request.set(http::Field::content_type, content_type);
      request.body() = body;
      request.prepare_payload();
    }
    for (const auto& [name, value] : headers_) request.set(name, value);
    return api_->Handle(request, context_);
  }

  static nlohmann::json Json(const http::Response& response) {
    return nlohmann::json::parse(response.body());
  }

  Seen seen_;
  FakeSearch search_;
  FakeOffre offre_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Upstreams> upstreams_;
  std::unique_ptr<RestApi> api_;
  http::RequestContext context_;
  std::map<std::string, std::string> headers_;
};

TEST_F(RestApiTest, AQueryBecomesTheRequestAndTheCallerTravelsWithIt) {
  const http::Response response =
      Send(http::Verb::get, "/api/v1/search/suggestions?prefix=card%C3%A9&limit=2");
  ASSERT_EQ(response.result_int(), 200u) << response.body();
  EXPECT_EQ(response[http::Field::content_type], "application/json");
  const nlohmann::json body = Json(response);
  ASSERT_EQ(body["hits"].size(), 2u);
  EXPECT_EQ(body["hits"][1]["nom"], "cardé1");
  EXPECT_EQ(seen_.authorization, "Bearer jeton-de-test");
  EXPECT_EQ(seen_.correlation_id, "req-42");
  EXPECT_EQ(seen_.traceparent, context_.trace.ToString());
}

TEST_F(RestApiTest, APathParameterIsDecodedWithinItsSegment) {
  const http::Response response = Send(http::Verb::get, "/api/v1/offres/abc%2Fdef");
  ASSERT_EQ(response.result_int(), 200u) << response.body();
  EXPECT_EQ(Json(response)["offreId"], "abc/def");
  EXPECT_EQ(Json(response)["published"], true);
}

TEST_F(RestApiTest, BadParametersAreRefusedNamingThemAndReachNoService) {
  http::Response unknown = Send(http::Verb::get, "/api/v1/search/suggestions?prefixe=card");
  EXPECT_EQ(unknown.result_int(), 400u);
  EXPECT_EQ(unknown[http::Field::content_type], "application/problem+json");
  EXPECT_EQ(Json(unknown)["violations"][0]["field"], "prefixe");
  EXPECT_EQ(Json(unknown)["violations"][0]["rule"], "unknown");
  EXPECT_EQ(Json(unknown)["requestId"], "req-42");

  http::Response malformed = Send(http::Verb::get, "/api/v1/search/suggestions?limit=dix");
  EXPECT_EQ(malformed.result_int(), 400u);
  EXPECT_EQ(Json(malformed)["violations"][0]["field"], "limit");
  EXPECT_EQ(Json(malformed)["violations"][0]["rule"], "format");

  http::Response escape = Send(http::Verb::get, "/api/v1/search/suggestions?prefix=%zz");
  EXPECT_EQ(escape.result_int(), 400u);
  EXPECT_EQ(Json(escape)["violations"][0]["field"], "prefix");

  http::Response not_json = Send(http::Verb::post, "/api/v1/search", "texte=cardio", "text/plain");
  EXPECT_EQ(not_json.result_int(), 415u);
  EXPECT_EQ(Json(not_json)["violations"][0]["field"], "Content-Type");

  http::Response bad_json = Send(http::Verb::post, "/api/v1/search", R"({"criteres": {}})");
  EXPECT_EQ(bad_json.result_int(), 400u);
  EXPECT_EQ(Json(bad_json)["violations"][0]["field"], "body");
  EXPECT_THAT(Json(bad_json)["violations"][0]["message"].get<std::string>(), HasSubstr("criteres"));
  EXPECT_EQ(seen_.calls.load(), 0);
}

TEST_F(RestApiTest, AServicesFieldViolationsBecomeTheProblems) {
  const http::Response response =
      Send(http::Verb::post, "/api/v1/search", R"({"criteria": {"texte": "cardiologie"}})");
  EXPECT_EQ(response.result_int(), 400u);
  const nlohmann::json problem = Json(response);
  EXPECT_EQ(problem["status"], 400);
  EXPECT_EQ(problem["title"], "Requête invalide");
  EXPECT_EQ(problem["violations"][0]["field"], "criteria.proximite.rayon_km");
  EXPECT_EQ(problem["violations"][0]["rule"], "range");
}

TEST_F(RestApiTest, UnauthenticatedIsA401ThatAsksForABearerToken) {
  const http::Response response = Send(http::Verb::get, "/api/v1/search/status");
  EXPECT_EQ(response.result_int(), 401u);
  EXPECT_EQ(response[http::Field::www_authenticate], "Bearer");
}

TEST_F(RestApiTest, AnUnknownAddressIs404AndAWrongMethod405WithAllow) {
  const http::Response missing = Send(http::Verb::get, "/api/v1/nulle-part");
  EXPECT_EQ(missing.result_int(), 404u);
  EXPECT_EQ(missing[http::Field::content_type], "application/problem+json");
  const http::Response wrong = Send(http::Verb::delete_, "/api/v1/offres/o1");
  EXPECT_EQ(wrong.result_int(), 405u);
  EXPECT_EQ(wrong[http::Field::allow], "GET");
  EXPECT_EQ(seen_.calls.load(), 0);
}

TEST_F(RestApiTest, AStreamedExportIsOneCsvFile) {
  const http::Response response =
      Send(http::Verb::post, "/api/v1/search/export", R"({"criteria": {"texte": "cardiologie"}})");
  ASSERT_EQ(response.result_int(), 200u) << response.body();
  EXPECT_EQ(response[http::Field::content_type], "text/csv; charset=utf-8");
  EXPECT_EQ(response[http::Field::content_disposition],
            "attachment; filename=\"recherche-ror.csv\"");
  EXPECT_EQ(response.body(), "type;id;nom\noffre;o1;cardiologie\n");
  EXPECT_EQ(seen_.authorization, "Bearer jeton-de-test");
}

TEST_F(RestApiTest, TheIdempotencyKeyIsTheCommandsRequestId) {
  headers_["Idempotency-Key"] = "cle-7";
  const http::Response response =
      Send(http::Verb::post, "/api/v1/saved-searches", R"({"search": {"nom": "Urgences"}})");
  EXPECT_EQ(response.result_int(), 201u) << response.body();
  EXPECT_EQ(Json(response)["id"], "cle-7");
  EXPECT_EQ(Json(response)["nom"], "Urgences");
}

TEST(RestRoutesTest, EveryRouteNamesAnRpcThisBinaryKnows) {
  Upstreams none({}, absl::Seconds(1));
  RestApi api(none);  // aborts on an unknown RPC
  std::set<std::pair<int, std::string>> seen;
  for (const Route& route : RestRoutes()) {
    EXPECT_TRUE(seen.emplace(static_cast<int>(route.verb), route.pattern).second)
        << "twice: " << route.pattern;
  }
}

}  // namespace
}  // namespace ror::gateway::rest
