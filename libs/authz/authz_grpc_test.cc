#include <memory>
#include <mutex>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "libs/authz/authz_interceptor.h"
#include "libs/authz/token_testing.h"
#include "libs/authz/verification_keys.h"
#include "libs/common/clock.h"
#include "libs/common/proto_time.h"
#include "libs/common/status_matchers.h"
#include "nlohmann/json.hpp"

namespace ror::authz {
namespace {

using testing::kAudience;
using testing::kIssuer;
using testing::RegulateurClaims;

// An auth service that publishes one key and the sessions it is told to revoke, and remembers
// who called it as the interceptor saw them. It answers OK whatever the caller: the interceptor
// must still refuse a bad token.
class FakeAuth final : public v1::AuthService::Service {
 public:
  FakeAuth(const CallRegistry& registry, const Es256Key& key) : registry_(registry), key_(key) {}

  grpc::Status GetVerificationKeys(grpc::ServerContext* context,
                                   const v1::GetVerificationKeysRequest*,
                                   v1::VerificationKeys* response) override {
    std::lock_guard lock(mu_);
    callers.push_back(registry_.Caller(context));
    response->set_jwks_json(nlohmann::json{{"keys", {key_.PublicJwk()}}}.dump());
    response->set_issuer(kIssuer);
    for (const auto& [session, until] : revoked) {
      v1::RevokedSession* s = response->add_revoked_sessions();
      s->set_session_id(session);
      *s->mutable_until() = ToProtoTimestamp(until);
    }
    return grpc::Status::OK;
  }

  std::mutex mu_;
  std::vector<absl::StatusOr<Principal>> callers;
  std::vector<std::pair<std::string, absl::Time>> revoked;

 private:
  const CallRegistry& registry_;
  const Es256Key& key_;
};

class RecordingObserver final : public CallObserver {
 public:
  void CallEnded(const CallState& call, const grpc::Status& status) override {
    std::lock_guard lock(mu);
    ended.emplace_back(call.method, status.error_code());
  }
  std::mutex mu;
  std::vector<std::pair<std::string, grpc::StatusCode>> ended;
};

class AuthzGrpcTest : public ::testing::Test {
 protected:
  AuthzGrpcTest()
      : key_(*Es256Key::Generate("key-1")),
        verifier_(VerifierOptions{.issuer = kIssuer, .audience = kAudience}, clock_),
        auth_(registry_, key_) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&auth_);
    std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> factories;
    factories.push_back(
        std::make_unique<AuthzInterceptorFactory>(verifier_, registry_, &observer_));
    builder.experimental().SetInterceptorCreators(std::move(factories));
    server_ = builder.BuildAndStart();
    channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", port_),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::AuthService::NewStub(channel_);
  }
  ~AuthzGrpcTest() override { server_->Shutdown(); }

  grpc::Status Call(const std::string& authorization) {
    grpc::ClientContext context;
    if (!authorization.empty()) context.AddMetadata("authorization", authorization);
    v1::VerificationKeys keys;
    return stub_->GetVerificationKeys(&context, v1::GetVerificationKeysRequest(), &keys);
  }

  absl::StatusOr<Principal> LastCaller() {
    std::lock_guard lock(auth_.mu_);
    return auth_.callers.back();
  }

  FakeClock clock_{absl::Now()};
  Es256Key key_;
  TokenVerifier verifier_;
  CallRegistry registry_;
  RecordingObserver observer_;
  FakeAuth auth_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuthService::Stub> stub_;
};

TEST_F(AuthzGrpcTest, PollingLoadsTheKeysThenABearerTokenNamesTheCaller) {
  VerificationKeysPoller poller(channel_, verifier_, absl::Hours(1));
  ASSERT_OK(poller.PollOnce(absl::Seconds(5)));
  const std::string token = *IssueAccessToken(RegulateurClaims(clock_.Now()), key_);
  ASSERT_TRUE(Call("Bearer " + token).ok());
  ASSERT_OK_AND_ASSIGN(Principal caller, LastCaller());
  EXPECT_EQ(caller.subject, "account-1");
  EXPECT_EQ(caller.grants.at(0).role, Role::kRegulateur);
}

TEST_F(AuthzGrpcTest, WithoutATokenTheCallerIsAnonymous) {
  ASSERT_TRUE(Call("").ok());
  ASSERT_OK_AND_ASSIGN(Principal caller, LastCaller());
  EXPECT_EQ(caller.kind, PrincipalKind::kAnonymous);
  EXPECT_EQ(caller.access_profile, 0);
}

TEST_F(AuthzGrpcTest, ABadTokenIsUnauthenticatedEvenIfTheHandlerAnswersOk) {
  // No keys polled yet: every token is refused, here for its unknown key id.
  const std::string token = *IssueAccessToken(RegulateurClaims(clock_.Now()), key_);
  grpc::Status status = Call("Bearer " + token);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("inconnue"));
  EXPECT_EQ(LastCaller().status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Call("Basic dXNlcjpwYXNz").error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthzGrpcTest, ARevokedSessionIsRefusedAfterTheNextPoll) {
  VerificationKeysPoller poller(channel_, verifier_, absl::Hours(1));
  ASSERT_OK(poller.PollOnce(absl::Seconds(5)));
  const std::string token = *IssueAccessToken(RegulateurClaims(clock_.Now()), key_);
  ASSERT_TRUE(Call("Bearer " + token).ok());
  {
    std::lock_guard lock(auth_.mu_);
    auth_.revoked.emplace_back("session-1", clock_.Now() + absl::Minutes(5));
  }
  ASSERT_OK(poller.PollOnce(absl::Seconds(5)));
  EXPECT_EQ(Call("Bearer " + token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthzGrpcTest, TheObserverHearsEveryCallWithItsFinalStatus) {
  ASSERT_TRUE(Call("").ok());
  EXPECT_FALSE(Call("Bearer nope").ok());
  std::lock_guard lock(observer_.mu);
  ASSERT_EQ(observer_.ended.size(), 2u);
  EXPECT_EQ(observer_.ended[0].first, "/ror.v1.AuthService/GetVerificationKeys");
  EXPECT_EQ(observer_.ended[0].second, grpc::StatusCode::OK);
  EXPECT_EQ(observer_.ended[1].second, grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthzGrpcTest, AJwksWithoutAnEs256KeyLeavesTheVerifierAsItWas) {
  v1::VerificationKeys keys;
  keys.set_jwks_json(R"({"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"r"}]})");
  EXPECT_FALSE(ApplyVerificationKeys(keys, verifier_).ok());
  keys.set_jwks_json("not json");
  EXPECT_FALSE(ApplyVerificationKeys(keys, verifier_).ok());
}

}  // namespace
}  // namespace ror::authz
