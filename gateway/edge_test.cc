#include "gateway/edge.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "libs/authz/token_testing.h"
#include "libs/testing/temp_dir.h"
#include "nlohmann/json.hpp"

namespace ror::gateway {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

class EdgeTest : public ::testing::Test {
 protected:
  EdgeTest()
      : clock_(kNow),
        key_(*authz::Es256Key::Generate("key-1")),
        verifier_(authz::VerifierOptions{.issuer = authz::testing::kIssuer,
                                         .audience = authz::testing::kAudience},
                  clock_),
        upstreams_({}, absl::Seconds(1)),
        api_(upstreams_),
        edge_(api_, /*fhir=*/nullptr, &verifier_,
              EdgeOptions{.per_client = {.per_second = 1, .burst = 2},
                          .per_address = {.per_second = 1, .burst = 1}},
              clock_) {
    verifier_.SetKeys({*authz::Es256Key::FromJwk(key_.PublicJwk())});
    context_.request_id = "edge";
    context_.peer = "192.0.2.7";
  }

  std::string TokenOf(const std::string& subject) {
    authz::AccessTokenClaims claims = authz::testing::RegulateurClaims(kNow);
    claims.principal.subject = subject;
    return *authz::IssueAccessToken(claims, key_);
  }

  // The status of GET /api/v1/search/guide (no search service here: 503 once let through).
  unsigned Get(const std::string& target, const std::string& token = "") {
    http::Request request(http::Verb::get, target, 11);
    if (!token.empty()) request.set(http::Field::authorization, "Bearer " + token);
    last_ = edge_.Handle(request, context_).response;
    return last_.result_int();
  }

  FakeClock clock_;
  authz::Es256Key key_;
  authz::TokenVerifier verifier_;
  rest::Upstreams upstreams_;
  rest::RestApi api_;
  Edge edge_;
  http::RequestContext context_;
  http::Response last_;
  ror::testing::TempDir dir_;
};

TEST_F(EdgeTest, ACallerOverItsLimitIsToldToWait) {
  EXPECT_EQ(Get("/api/v1/search/guide"), 503u);
  EXPECT_EQ(Get("/api/v1/search/guide"), 429u);
  EXPECT_EQ(last_[http::Field::retry_after], "1");
  EXPECT_EQ(last_[http::Field::content_type], "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(last_.body())["status"], 429);
  EXPECT_EQ(Get("/healthz"), 200u);  // never limited
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Get("/api/v1/search/guide"), 503u);
}

TEST_F(EdgeTest, EachVerifiedClientHasItsOwnBudget) {
  const std::string alice = TokenOf("account-alice"), bruno = TokenOf("account-bruno");
  EXPECT_EQ(Get("/api/v1/search/guide", alice), 503u);
  EXPECT_EQ(Get("/api/v1/search/guide", alice), 503u);
  EXPECT_EQ(Get("/api/v1/search/guide", alice), 429u);
  // Same address, another user: not limited by Alice's calls.
  EXPECT_EQ(Get("/api/v1/search/guide", bruno), 503u);
  // A token that does not verify counts against the address.
  EXPECT_EQ(Get("/api/v1/search/guide", alice + "x"), 503u);
  EXPECT_EQ(Get("/api/v1/search/guide", "pas-un-jeton"), 429u);
  // A verified client certificate has a budget of its own.
  context_.client_certificate = "/CN=client.ror.test";
  EXPECT_EQ(Get("/api/v1/search/guide"), 503u);
}

TEST_F(EdgeTest, ACertificateListedIsItsApiClientsCalls) {
  const std::filesystem::path file = dir_.path() / "clients";
  std::ofstream(file) << std::string(64, 'a') << " client-1 secret\n"
                      << std::string(64, 'b') << " client-1 secret\n";
  int asked = 0;
  std::unique_ptr<CertificateClients> certificates = *CertificateClients::Load(
      file,
      [&](const std::string&, const std::string&) {
        ++asked;
        return absl::StatusOr<ClientToken>(
            ClientToken{.access_token = TokenOf("client-1"), .expires_in = absl::Minutes(10)});
      },
      clock_);
  Edge edge(api_, nullptr, &verifier_,
            EdgeOptions{.per_client = {.per_second = 1, .burst = 2},
                        .per_address = {.per_second = 1, .burst = 1}},
            clock_, nullptr, certificates.get());
  const auto get = [&](const std::string& fingerprint) {
    http::Request request(http::Verb::get, "/api/v1/search/guide", 11);
    context_.client_certificate = "/CN=" + fingerprint.substr(0, 1);
    context_.client_certificate_sha256 = fingerprint;
    return edge.Handle(request, context_).response.result_int();
  };
  // Two certificates of one client share its budget: the calls are the client's, by its token.
  EXPECT_EQ(get(std::string(64, 'a')), 503u);
  EXPECT_EQ(get(std::string(64, 'b')), 503u);
  EXPECT_EQ(get(std::string(64, 'a')), 429u);
  EXPECT_EQ(asked, 2);  // one token per certificate, kept
  // A certificate not listed is a client of its own.
  EXPECT_EQ(get(std::string(64, 'c')), 503u);
}

}  // namespace
}  // namespace ror::gateway
