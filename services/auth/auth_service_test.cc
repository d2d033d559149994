// The auth service as it runs: the real ror-auth binary on its RocksDB store beside
// ror-devbroker. The bootstrap administrateur activates the account from the outbox mail, logs
// in (the latency is printed, not asserted), refreshes; then nothing secret may appear in the
// service's log (e-mail, password, tokens, reset link) nor on ror.auth.events.v1 (read with kcat
// when installed).
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"
#include "libs/server/grpc_status.h"
#include "libs/testing/await_serving.h"
#include "libs/testing/child_process.h"
#include "libs/testing/process_logs.h"
#include "libs/testing/temp_dir.h"
#include "ror/v1/auth.grpc.pb.h"
#include "services/auth/app/secrets.h"

namespace ror::auth {
namespace {

using ::ror::testing::AwaitLogField;
using ::ror::testing::AwaitServing;
using ::ror::testing::ReadFile;

constexpr char kAdminEmail[] = "admin.national@ror-test.example.fr";
constexpr char kPassword[] = "Regulation-Samu-2026";
constexpr char kTopic[] = "ror.auth.events.v1";
const absl::Duration kStartTimeout = absl::Seconds(30);

// The reset token of the only mail in `outbox` ("…?jeton=<token>").
std::string TokenOfOutboxMail(const std::filesystem::path& outbox, mode_t* mode) {
  for (const auto& file : std::filesystem::directory_iterator(outbox)) {
    if (file.path().extension() != ".eml") continue;
    struct stat info {};
    ::stat(file.path().c_str(), &info);
    *mode = info.st_mode & 0777;
    const std::string mail = ReadFile(file.path());
    const size_t at = mail.find("jeton=");
    if (at == std::string::npos) continue;
    return mail.substr(at + 6, mail.find_first_of("\r\n", at) - at - 6);
  }
  return "";
}

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path broker_log = dir_.path() / "devbroker.log";
    broker_ = std::make_unique<ror::testing::ChildProcess>(
        std::vector<std::string>{ROR_DEVBROKER_BIN, "--port=0",
                                 absl::StrCat("--topics=", kTopic, ":1")},
        broker_log.string());
    bootstrap_ = AwaitLogField(broker_log, "devbroker up", "bootstrap", kStartTimeout);
    ASSERT_FALSE(bootstrap_.empty()) << ReadFile(broker_log);
    ASSERT_NO_FATAL_FAILURE(StartAuth(log_));
  }

  // ror-auth on the test's data directory, logging to `log`.
  void StartAuth(const std::filesystem::path& log) {
    auth_ = std::make_unique<ror::testing::ChildProcess>(
        std::vector<std::string>{ROR_AUTH_BIN, "--port=0", "--metrics_port=-1",
                                 absl::StrCat("--data_dir=", (dir_.path() / "auth").string()),
                                 absl::StrCat("--kafka_bootstrap=", bootstrap_),
                                 absl::StrCat("--bootstrap_admin_email=", kAdminEmail),
                                 "--log_level=debug"},
        log.string());
    const std::string port = AwaitLogField(log, "server started", "grpc_port", kStartTimeout);
    ASSERT_FALSE(port.empty()) << ReadFile(log);
    channel_ =
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials());
    ASSERT_OK(AwaitServing(channel_, "ror.v1.AuthService", kStartTimeout)) << ReadFile(log);
    stub_ = v1::AuthService::NewStub(channel_);
  }

  void StopAuth() {
    stub_.reset();
    channel_.reset();
    auth_->Signal(SIGTERM);
    auth_->Wait();
    auth_.reset();
  }

  // Activates the bootstrap administrateur from the outbox and logs in.
  v1::TokenPair ActivateAndLogIn() {
    mode_t mode = 0;
    v1::ResetPasswordRequest reset;
    reset.set_reset_token(TokenOfOutboxMail(dir_.path() / "auth" / "outbox", &mode));
    reset.set_new_password(kPassword);
    v1::ResetPasswordResponse done;
    EXPECT_OK(Call(&v1::AuthService::Stub::ResetPassword, reset, &done));
    v1::LoginRequest login;
    login.set_email(kAdminEmail);
    login.set_password(kPassword);
    v1::TokenPair tokens;
    EXPECT_OK(Call(&v1::AuthService::Stub::Login, login, &tokens));
    return tokens;
  }

  std::string Jwks() {
    v1::VerificationKeys keys;
    EXPECT_OK(
        Call(&v1::AuthService::Stub::GetVerificationKeys, v1::GetVerificationKeysRequest(), &keys));
    return keys.jwks_json();
  }

  void TearDown() override {
    stub_.reset();
    channel_.reset();
    if (auth_ != nullptr) {
      auth_->Signal(SIGTERM);
      auth_->Wait();
    }
  }

  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (v1::AuthService::Stub::*method)(grpc::ClientContext*,
                                                                  const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    return server::FromGrpcStatus((stub_.get()->*method)(&context, request, response));
  }

  ror::testing::TempDir dir_;
  const std::filesystem::path log_ = dir_.path() / "auth.log";
  std::unique_ptr<ror::testing::ChildProcess> broker_;
  std::unique_ptr<ror::testing::ChildProcess> auth_;
  std::string bootstrap_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::AuthService::Stub> stub_;
};

TEST_F(AuthServiceTest, TheBootstrapAdministrateurLogsInAndNoSecretLeaks) {
  mode_t mode = 0;
  const std::string reset_token = TokenOfOutboxMail(dir_.path() / "auth" / "outbox", &mode);
  ASSERT_FALSE(reset_token.empty()) << "no activation mail in the outbox";
  EXPECT_EQ(mode, 0600u);

  v1::ResetPasswordRequest reset;
  reset.set_reset_token(reset_token);
  reset.set_new_password(kPassword);
  v1::ResetPasswordResponse done;
  ASSERT_OK(Call(&v1::AuthService::Stub::ResetPassword, reset, &done));

  v1::LoginRequest login;
  login.set_email(kAdminEmail);
  login.set_password(kPassword);
  v1::TokenPair tokens;
  constexpr int kLogins = 5;
  absl::Duration total;
  for (int i = 0; i < kLogins; ++i) {
    const absl::Time start = absl::Now();
    ASSERT_OK(Call(&v1::AuthService::Stub::Login, login, &tokens));
    total += absl::Now() - start;
  }
  login.set_password("Mauvais-Mot-De-Passe-1");
  const absl::Time start = absl::Now();
  EXPECT_EQ(Call(&v1::AuthService::Stub::Login, login, &tokens).code(),
            absl::StatusCode::kUnauthenticated);
  const absl::Duration refused = absl::Now() - start;
  login.set_email("inconnu@ror-test.example.fr");
  const absl::Time unknown_start = absl::Now();
  EXPECT_EQ(Call(&v1::AuthService::Stub::Login, login, &tokens).code(),
            absl::StatusCode::kUnauthenticated);
  const absl::Duration unknown = absl::Now() - unknown_start;
  std::printf(
      "login latency (default Argon2id cost): mean %s over %d; wrong password %s; "
      "unknown e-mail %s\n",
      absl::FormatDuration(total / kLogins).c_str(), kLogins, absl::FormatDuration(refused).c_str(),
      absl::FormatDuration(unknown).c_str());

  login.set_email(kAdminEmail);
  login.set_password(kPassword);
  ASSERT_OK(Call(&v1::AuthService::Stub::Login, login, &tokens));
  v1::RefreshRequest refresh;
  refresh.set_refresh_token(tokens.refresh_token());
  v1::TokenPair refreshed;
  ASSERT_OK(Call(&v1::AuthService::Stub::Refresh, refresh, &refreshed));

  // Nothing secret in the service's log.
  const std::string log = ReadFile(log_);
  for (const std::string& secret :
       {std::string(kAdminEmail), std::string("ror-test.example.fr"), std::string(kPassword),
        reset_token, tokens.access_token(), tokens.refresh_token(), refreshed.refresh_token(),
        std::string("jeton="), std::string("$argon2id$")}) {
    EXPECT_FALSE(absl::StrContains(log, secret)) << "the log holds " << secret;
  }

  // Every call is audited (state-changing ones), and the audit log holds no secret either.
  std::string audit;
  const std::filesystem::path audit_dir = dir_.path() / "auth" / "audit";
  ASSERT_TRUE(std::filesystem::exists(audit_dir));
  for (const auto& file : std::filesystem::recursive_directory_iterator(audit_dir)) {
    if (file.is_regular_file()) audit += ReadFile(file.path());
  }
  EXPECT_TRUE(absl::StrContains(audit, "/ror.v1.AuthService/Login"));
  for (const std::string& secret :
       {std::string(kAdminEmail), std::string(kPassword), reset_token, tokens.refresh_token()}) {
    EXPECT_FALSE(absl::StrContains(audit, secret)) << "the audit log holds " << secret;
  }

  // Nothing secret on the bus: no Argon2id hash, no hash of a token we hold.
  if (!std::filesystem::exists("/usr/bin/kcat")) {
    std::printf("kcat absent: the topic is not read\n");
    return;
  }
  ASSERT_OK(app::InitSodium());
  std::string topic;
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (absl::Now() < deadline && !absl::StrContains(topic, "SessionRefreshed")) {
    const std::string command = absl::StrCat("/usr/bin/kcat -C -q -e -b ", bootstrap_, " -t ",
                                             kTopic, " -o beginning -f '%k %h %s\\n' 2>/dev/null");
    FILE* pipe = ::popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    topic.clear();
    char buffer[4096];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) topic.append(buffer, n);
    ::pclose(pipe);
    if (!absl::StrContains(topic, "SessionRefreshed")) absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_TRUE(absl::StrContains(topic, "SessionRefreshed")) << "the relay published nothing";
  EXPECT_TRUE(absl::StrContains(topic, "PasswordSet"));
  for (const std::string& secret :
       {std::string("$argon2id$"), app::Sha256(reset_token), app::Sha256(tokens.refresh_token()),
        app::Sha256(refreshed.refresh_token()), std::string(kPassword)}) {
    EXPECT_FALSE(absl::StrContains(topic, secret)) << "the topic holds " << secret;
  }
}

TEST_F(AuthServiceTest, ARestartKeepsAccountsSessionsAndKeys) {
  const v1::TokenPair tokens = ActivateAndLogIn();
  const std::string jwks = Jwks();
  ASSERT_NO_FATAL_FAILURE(StopAuth());
  ASSERT_NO_FATAL_FAILURE(StartAuth(dir_.path() / "auth-restarted.log"));

  EXPECT_EQ(Jwks(), jwks);  // the same signing key, read back from its file
  v1::RefreshRequest refresh;
  refresh.set_refresh_token(tokens.refresh_token());
  v1::TokenPair refreshed;
  EXPECT_OK(Call(&v1::AuthService::Stub::Refresh, refresh, &refreshed));
  v1::LoginRequest login;
  login.set_email(kAdminEmail);
  login.set_password(kPassword);
  v1::TokenPair again;
  EXPECT_OK(Call(&v1::AuthService::Stub::Login, login, &again));
  // The administrateur exists: no second activation mail.
  int mails = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir_.path() / "auth" / "outbox")) {
    mails += file.path().extension() == ".eml" ? 1 : 0;
  }
  EXPECT_EQ(mails, 1);
}

}  // namespace
}  // namespace ror::auth
