#pragma once

// What the auth handler and gRPC tests share: the application on the in-memory store with a fake
// clock, the fastest Argon2id cost, a mailer that keeps what it sends, and reading a link's token
// out of a mail.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "libs/eventstore/memory_event_store.h"
#include "libs/testing/temp_dir.h"
#include "services/auth/app/auth_app.h"

namespace ror::auth::app::testing {

inline constexpr char kPassword[] = "Cardio-Bourg-2026";

class RecordingMailer final : public Mailer {
 public:
  absl::Status Send(const Mail& mail) override {
    std::lock_guard lock(mu_);
    sent_.push_back(mail);
    return absl::OkStatus();
  }
  std::vector<Mail> sent() const {
    std::lock_guard lock(mu_);
    return sent_;
  }
  // The token of the last link sent to `to` ("…?jeton=<token>"); empty when none.
  std::string LastToken(const std::string& to) const {
    std::lock_guard lock(mu_);
    for (auto it = sent_.rbegin(); it != sent_.rend(); ++it) {
      if (it->to != to) continue;
      const size_t at = it->body.find("jeton=");
      if (at == std::string::npos) continue;
      const size_t end = it->body.find_first_of("\r\n ", at);
      return it->body.substr(at + 6, end == std::string::npos ? std::string::npos : end - at - 6);
    }
    return "";
  }

 private:
  mutable std::mutex mu_;
  std::vector<Mail> sent_;
};

inline CommandContext AdminContext() {
  CommandContext ctx;
  ctx.actor.set_kind(v1::Actor::KIND_USER);
  ctx.actor.set_subject("admin-test");
  return ctx;
}

// The application over a fresh in-memory store; keys under a temporary directory.
class AuthAppTest : public ::testing::Test {
 protected:
  AuthAppTest() : store_(clock_), ids_(clock_) {}

  void SetUp() override {
    absl::StatusOr<std::unique_ptr<AuthApp>> opened =
        AuthApp::Open(store_, mailer_, clock_, ids_, AuthOptions{}, Argon2Cost::Fastest(),
                      KeyRingOptions{.dir = keys_dir_.path() / "keys"});
    ASSERT_TRUE(opened.ok()) << opened.status();
    app_ = *std::move(opened);
  }

  // An activated account with `email` and kPassword.
  domain::AccountState ActiveAccount(const std::string& email = "marie.durand@ch-fleyriat.fr",
                                     std::vector<domain::AccountGrant> grants = {}) {
    absl::StatusOr<domain::AccountState> created =
        app_->accounts().Create(NewAccount{.account_id = "",
                                           .email = email,
                                           .prenom = "Marie",
                                           .nom = "Durand",
                                           .grants = std::move(grants),
                                           .origin = domain::AccountCreated::ORIGIN_MIGRATED,
                                           .account_request_id = ""},
                                AdminContext(), NationalScope());
    EXPECT_TRUE(created.ok()) << created.status();
    if (!created.ok()) return {};
    app_->accounts().RequestPasswordReset(email, CommandContext{});
    EXPECT_TRUE(app_->accounts().ResetPassword(mailer_.LastToken(email), kPassword, {}).ok());
    return *app_->accounts().Get(created->account_id);
  }

  FakeClock clock_;
  eventstore::MemoryEventStore store_;
  IdGenerator ids_;
  RecordingMailer mailer_;
  ror::testing::TempDir keys_dir_;
  std::unique_ptr<AuthApp> app_;
};

}  // namespace ror::auth::app::testing
