#include "gateway/feeds/webhooks.h"

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/feeds/feeds_testing.h"
#include "gateway/feeds/webhook_client.h"
#include "gateway/http/http_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "libs/common/proto_time.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

// A webhook receiver: it checks each request's signature, answers `status`, and keeps what it
// took (a 2xx answer) in order.
class Receiver {
 public:
  explicit Receiver(int port = 0) { Start(port); }

  void Start(int port) {
    http::HttpServerOptions options;
    options.address = "127.0.0.1";
    options.port = port;
    options.threads = 1;
    server_ = std::make_unique<http::HttpServer>(
        options, [this](const http::Request& request, const http::RequestContext&) {
          return Take(request);
        });
    ASSERT_OK(server_->Start());
  }
  void Stop() { server_.reset(); }

  void set_secret(std::string secret) {
    std::lock_guard lock(mutex_);
    secret_ = std::move(secret);
  }
  void set_status(unsigned status) {
    std::lock_guard lock(mutex_);
    status_ = status;
  }
  int port() const { return server_->port(); }
  std::string url() const { return absl::StrCat("http://127.0.0.1:", port(), "/hook"); }

  // The resources of what it took, once `count` are there (waits up to 10 s).
  std::vector<std::string> Taken(size_t count) {
    for (int i = 0; i < 1000 && Count() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return TakenNow();
  }
  // The same, after a pause long enough for anything more to arrive.
  std::vector<std::string> TakenAfterAPause() {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return TakenNow();
  }
  std::vector<std::string> TakenNow() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> resources;
    for (const json& body : taken_) resources.push_back(body["resourceId"].get<std::string>());
    return resources;
  }
  std::vector<std::string> EventIds() {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const json& body : taken_) ids.push_back(body["id"].get<std::string>());
    return ids;
  }
  int bad_signatures() {
    std::lock_guard lock(mutex_);
    return bad_signatures_;
  }

 private:
  size_t Count() {
    std::lock_guard lock(mutex_);
    return taken_.size();
  }

  http::Response Take(const http::Request& request) {
    std::lock_guard lock(mutex_);
    http::Response response(static_cast<http::Status>(status_), request.version());
    // t=<seconds>,v1=<hex>: recomputed from the secret and the body as sent.
    const std::string signature(http::View(request["X-Ror-Signature"]));
    std::vector<std::string> parts = absl::StrSplit(signature, absl::ByAnyChar("=,"));
    int64_t at = 0;
    if (parts.size() != 4 || !absl::SimpleAtoi(parts[1], &at) ||
        WebhookSignature(secret_, absl::FromUnixSeconds(at), request.body()) != signature) {
      ++bad_signatures_;
      response.result(http::Status::unauthorized);
      return response;
    }
    const json body = json::parse(request.body());
    EXPECT_EQ(http::View(request["X-Ror-Event-Id"]), body["id"].get<std::string>());
    if (status_ / 100 == 2) taken_.push_back(body);
    return response;
  }

  std::mutex mutex_;
  std::string secret_;
  unsigned status_ = 200;
  std::vector<json> taken_;
  int bad_signatures_ = 0;
  std::unique_ptr<http::HttpServer> server_;
};

class WebhooksTest : public ::testing::Test, protected testing::DirectoryWithRennes {
 protected:
  static WebhookOptions Options() {
    WebhookOptions options;
    options.max_attempts = 3;
    options.first_retry = absl::Milliseconds(20);
    options.poll = absl::Milliseconds(10);
    options.timeout = absl::Seconds(2);
    options.internal_addresses = true;  // the receiver is on this machine
    return options;
  }

  WebhooksTest() { Reopen(Options()); }

  void Reopen(WebhookOptions options) {
    webhooks_.reset();
    webhooks_ = *Webhooks::Open(path() / "webhooks", resources(), options);
    ASSERT_OK(webhooks_->Start());
  }

  // Subscribes the receiver for `owner` (a régulateur: he sees every offre).
  v1::gateway::Webhook Subscribe(const authz::Principal& owner = authz::testing::UserWith(
                                     {authz::testing::GrantOf(authz::Role::kRegulateur)})) {
    v1::gateway::Webhook webhook;
    webhook.set_url(receiver_.url());
    webhook.add_types("HealthcareService");
    absl::StatusOr<v1::gateway::Webhook> created = webhooks_->Create(webhook, owner);
    EXPECT_OK(created.status());
    receiver_.set_secret(created->secret());
    return *created;
  }

  absl::StatusOr<std::vector<v1::gateway::DeadLetter>> DeadLettersOnce(const std::string& id,
                                                                       size_t count) {
    absl::StatusOr<std::vector<v1::gateway::DeadLetter>> letters;
    for (int i = 0; i < 1000; ++i) {
      letters = webhooks_->DeadLetters(id);
      if (!letters.ok() || letters->size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return letters;
  }

  Receiver receiver_;
  std::unique_ptr<Webhooks> webhooks_;
};

TEST_F(WebhooksTest, EachChangeAfterTheSubscriptionIsPostedOnceSignedInOrder) {
  Publish("before");
  const v1::gateway::Webhook webhook = Subscribe();
  EXPECT_EQ(webhook.secret().size(), 64u);
  Publish("o1");
  Publish("o2", /*sensible=*/true);
  Publish("o3");
  EXPECT_THAT(receiver_.Taken(3), ElementsAre("o1", "o2", "o3"));
  EXPECT_THAT(receiver_.EventIds(), ElementsAre("offre-o1#2", "offre-o2#2", "offre-o3#2"));
  EXPECT_EQ(receiver_.bad_signatures(), 0);
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 3u);  // nothing twice
}

TEST_F(WebhooksTest, WhatTheOwnerMayNotSeeIsNotSent) {
  Subscribe(authz::testing::ApiClientWith(0));
  Publish("o2", /*sensible=*/true);
  Publish("o1");
  EXPECT_THAT(receiver_.Taken(1), ElementsAre("o1"));
  EXPECT_THAT(receiver_.TakenAfterAPause(), ElementsAre("o1"));
}

TEST_F(WebhooksTest, AReceiverDownThenBackGetsEveryChangeOnce) {
  Reopen([] {
    WebhookOptions patient = Options();
    patient.max_attempts = 100;
    return patient;
  }());
  Subscribe();
  const int port = receiver_.port();
  receiver_.Stop();
  Publish("o1");
  Publish("o3");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several attempts refused
  receiver_.Start(port);
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o1", "o3"));
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 2u);
}

TEST_F(WebhooksTest, ARestartedGatewayGoesOnWhereItWas) {
  Subscribe();
  Publish("o1");
  EXPECT_THAT(receiver_.Taken(1), ElementsAre("o1"));
  webhooks_.reset();
  Publish("o3");
  Reopen(Options());
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o1", "o3"));
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 2u);
}

TEST_F(WebhooksTest, AChangeRefusedAtEveryAttemptIsDeadLetteredThenReplayed) {
  const v1::gateway::Webhook webhook = Subscribe();
  receiver_.set_status(503);
  Publish("o1");
  Publish("o3");
  ASSERT_OK_AND_ASSIGN(auto letters, DeadLettersOnce(webhook.id(), 2));
  ASSERT_EQ(letters.size(), 2u);
  EXPECT_EQ(letters[0].event_id(), "offre-o1#2");
  EXPECT_EQ(letters[0].attempts(), 3u);
  EXPECT_EQ(letters[0].last_error(), "réponse HTTP 503");
  EXPECT_EQ(letters[1].event_id(), "offre-o3#2");
  ASSERT_OK_AND_ASSIGN(const directory::LogPosition cursor, webhooks_->Cursor(webhook.id()));
  EXPECT_EQ(cursor.sequence, letters[1].sequence());  // the deliveries went on past them
  EXPECT_EQ(cursor.epoch, letters[1].epoch());
  EXPECT_FALSE(cursor.epoch.empty());

  receiver_.set_status(200);
  ASSERT_OK_AND_ASSIGN(const int replayed, webhooks_->Replay(webhook.id()));
  EXPECT_EQ(replayed, 2);
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o1", "o3"));
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 2u);
  for (int i = 0; i < 500 && !webhooks_->DeadLetters(webhook.id())->empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(webhooks_->DeadLetters(webhook.id())->empty());
}

// Rebuilt from the bus, the directory numbers its changes anew, in another order: the webhook
// delivers the whole log again (the receiver knows each change by its id) and finds a dead
// letter by its event.
TEST_F(WebhooksTest, AfterTheDirectoryIsRebuiltNothingIsMissed) {
  const v1::gateway::Webhook webhook = Subscribe();
  receiver_.set_status(503);
  Publish("o1");
  ASSERT_OK_AND_ASSIGN(auto letters, DeadLettersOnce(webhook.id(), 1));
  ASSERT_EQ(letters.size(), 1u);
  webhooks_.reset();
  ClearDirectory();
  Publish("o3");
  ImportRennes();
  Publish("o1");
  receiver_.set_status(200);
  Reopen(Options());
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o3", "o1"));
  // The dead letter, replayed: o1's change, found at its new place.
  ASSERT_OK_AND_ASSIGN(const int replayed, webhooks_->Replay(webhook.id()));
  EXPECT_EQ(replayed, 1);
  EXPECT_THAT(receiver_.Taken(3), ElementsAre("o3", "o1", "o1"));
  EXPECT_THAT(receiver_.EventIds(), ElementsAre("offre-o3#2", "offre-o1#2", "offre-o1#2"));
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 3u);
  for (int i = 0; i < 500 && !webhooks_->DeadLetters(webhook.id())->empty(); ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(webhooks_->DeadLetters(webhook.id())->empty());
  ASSERT_OK_AND_ASSIGN(const directory::LogPosition cursor, webhooks_->Cursor(webhook.id()));
  ASSERT_OK_AND_ASSIGN(const std::string epoch, resources().directory().Epoch());
  EXPECT_EQ(cursor.epoch, epoch);
  EXPECT_NE(epoch, letters[0].epoch());
}

// Past its lifetime a subscription delivers nothing; renewed by its owner, it goes on from where
// it stopped, with his grants of the renewal.
TEST_F(WebhooksTest, AnExpiredSubscriptionWaitsForItsOwnerAndTakesHisGrantsOfThen) {
  WebhookOptions options = Options();
  options.lifetime = absl::Seconds(3);
  Reopen(options);
  authz::Principal owner =
      authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  const v1::gateway::Webhook webhook = Subscribe(owner);
  Publish("o1");
  EXPECT_THAT(receiver_.Taken(1), ElementsAre("o1"));
  absl::SleepFor(FromProtoTimestamp(webhook.expires_at()) + absl::Milliseconds(50) - absl::Now());
  Publish("o2", /*sensible=*/true);
  Publish("o3");
  EXPECT_THAT(receiver_.TakenAfterAPause(), ElementsAre("o1"));  // expired: nothing
  // A restart while it is expired changes nothing, nor does a replay asked.
  Reopen(options);
  ASSERT_OK(webhooks_->Replay(webhook.id()).status());
  EXPECT_THAT(receiver_.TakenAfterAPause(), ElementsAre("o1"));
  // Renewed by its owner, who is no longer a régulateur: o2, an unité sensible, is not his now.
  owner.grants.clear();
  ASSERT_OK_AND_ASSIGN(const v1::gateway::Webhook renewed, webhooks_->Renew(webhook.id(), owner));
  EXPECT_GT(FromProtoTimestamp(renewed.expires_at()), absl::Now());
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o1", "o3"));
  EXPECT_THAT(receiver_.TakenAfterAPause(), ElementsAre("o1", "o3"));
  EXPECT_EQ(webhooks_->Renew("inconnu", owner).status().code(), absl::StatusCode::kNotFound);
}

// Written before lifetimes and epochs: a lifetime from the start, the cursor in the numbering
// of then, so that nothing is sent twice nor skipped.
TEST_F(WebhooksTest, ASubscriptionOfAnEarlierVersionGoesOnWhereItWas) {
  const v1::gateway::Webhook webhook = Subscribe();
  Publish("o1");
  EXPECT_THAT(receiver_.Taken(1), ElementsAre("o1"));
  ASSERT_OK_AND_ASSIGN(const directory::LogPosition cursor, webhooks_->Cursor(webhook.id()));
  webhooks_.reset();
  {
    ASSERT_OK_AND_ASSIGN(auto db, bus::ProjectionDb::Open(bus::ProjectionDbOptions{
                                      .path = (path() / "webhooks").string(),
                                      .column_families = {"webhooks", "cursors", "dead_letters"}}));
    v1::gateway::Webhook old = webhook;
    old.clear_expires_at();
    old.mutable_created_at()->set_seconds(1'000'000'000);  // years ago
    bus::ProjectionWrite write(*db);
    write.Put("webhooks", old.id(), old.SerializeAsString());
    write.Put("cursors", old.id(), absl::StrCat(cursor.sequence));
    ASSERT_OK(db->Commit(write));
  }
  Publish("o3");
  Reopen(Options());
  EXPECT_THAT(receiver_.Taken(2), ElementsAre("o1", "o3"));
  EXPECT_EQ(receiver_.TakenAfterAPause().size(), 2u);
  ASSERT_OK_AND_ASSIGN(const std::optional<v1::gateway::Webhook> now, webhooks_->Get(webhook.id()));
  ASSERT_TRUE(now.has_value() && now->has_expires_at());
  EXPECT_GT(FromProtoTimestamp(now->expires_at()), absl::Now() + absl::Hours(24 * 29));
  ASSERT_OK_AND_ASSIGN(const directory::LogPosition migrated, webhooks_->Cursor(webhook.id()));
  EXPECT_EQ(migrated.epoch, cursor.epoch);
}

// One made when http:// was accepted anywhere is not renewed past the rule.
TEST_F(WebhooksTest, ARenewalChecksTheAddressAgain) {
  WebhookOptions loose = Options();
  loose.plain_http = true;
  Reopen(loose);
  const authz::Principal owner = authz::testing::ApiClientWith(1);
  v1::gateway::Webhook webhook;
  webhook.set_url("http://hooks.example.fr/ror");
  ASSERT_OK_AND_ASSIGN(const v1::gateway::Webhook created, webhooks_->Create(webhook, owner));
  Reopen(Options());
  EXPECT_TRUE(absl::IsInvalidArgument(webhooks_->Renew(created.id(), owner).status()));
  ASSERT_OK_AND_ASSIGN(const std::optional<v1::gateway::Webhook> kept,
                       webhooks_->Get(created.id()));
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->expires_at().seconds(), created.expires_at().seconds());
}

TEST_F(WebhooksTest, ARemovedSubscriptionGetsNothingMore) {
  const v1::gateway::Webhook webhook = Subscribe();
  ASSERT_OK(webhooks_->Remove(webhook.id()));
  Publish("o1");
  EXPECT_TRUE(receiver_.TakenAfterAPause().empty());
  ASSERT_OK_AND_ASSIGN(auto found, webhooks_->Get(webhook.id()));
  EXPECT_FALSE(found.has_value());
  EXPECT_TRUE(webhooks_->List()->empty());
}

TEST_F(WebhooksTest, ABadUrlIsRefused) {
  v1::gateway::Webhook webhook;
  webhook.set_url("ftp://x/");
  EXPECT_TRUE(absl::IsInvalidArgument(
      webhooks_->Create(webhook, authz::testing::ApiClientWith(1)).status()));
}

// The changes would cross the network in clear: http:// reaches this machine only, unless the
// platform says otherwise.
TEST_F(WebhooksTest, PlainHttpOnlyToThisMachineUnlessAllowed) {
  const auto create = [&](const std::string& url) {
    v1::gateway::Webhook webhook;
    webhook.set_url(url);
    return webhooks_->Create(webhook, authz::testing::ApiClientWith(1)).status();
  };
  const absl::Status clear = create("http://hooks.example.fr/ror");
  EXPECT_TRUE(absl::IsInvalidArgument(clear));
  EXPECT_THAT(clear.message(), ::testing::HasSubstr("https"));
  EXPECT_TRUE(absl::IsInvalidArgument(create("http://10.0.0.8/ror")));
  EXPECT_TRUE(absl::IsInvalidArgument(create("http://localhost.example.fr/ror")));
  EXPECT_OK(create("http://127.0.0.1:9/ror"));
  EXPECT_OK(create("http://localhost:9/ror"));
  EXPECT_OK(create("http://[::1]:9/ror"));
  EXPECT_OK(create("https://hooks.example.fr/ror"));
  WebhookOptions options = Options();
  options.plain_http = true;
  Reopen(options);
  EXPECT_OK(create("http://hooks.example.fr/ror"));
}

// A platform calls out, not inside its own network, whatever a caller names.
TEST_F(WebhooksTest, NoReceiverInsideTheNetworkUnlessAllowed) {
  WebhookOptions options = Options();
  options.internal_addresses = false;
  Reopen(options);
  const auto create = [&](const std::string& url) {
    v1::gateway::Webhook webhook;
    webhook.set_url(url);
    return webhooks_->Create(webhook, authz::testing::ApiClientWith(1)).status();
  };
  for (const char* inside :
       {"http://127.0.0.1:9/ror", "http://localhost:9/ror", "https://[::1]/",
        "https://10.0.0.8/ror", "https://192.168.1.2/", "https://169.254.169.254/"}) {
    const absl::Status refused = create(inside);
    EXPECT_TRUE(absl::IsInvalidArgument(refused)) << inside;
    EXPECT_THAT(refused.message(), ::testing::HasSubstr("interne")) << inside;
  }
  EXPECT_OK(create("https://hooks.example.fr/ror"));
  EXPECT_OK(create("https://203.0.113.7/ror"));
}

TEST_F(WebhooksTest, OnlyTheHostsAllowedAreCalled) {
  WebhookOptions options = Options();
  options.allowed_hosts = {"hooks.example.fr", ".consumers.example.fr"};
  Reopen(options);
  const auto create = [&](const std::string& url) {
    v1::gateway::Webhook webhook;
    webhook.set_url(url);
    return webhooks_->Create(webhook, authz::testing::ApiClientWith(1)).status();
  };
  EXPECT_OK(create("https://hooks.example.fr/ror"));
  EXPECT_OK(create("https://samu.consumers.example.fr/ror"));
  const absl::Status inside = create("http://127.0.0.1:50054/");
  EXPECT_TRUE(absl::IsInvalidArgument(inside));
  EXPECT_THAT(inside.message(), ::testing::HasSubstr("127.0.0.1"));
  EXPECT_TRUE(absl::IsInvalidArgument(create("https://evilhooks.example.fr/")));
}

TEST(WebhookOwnerTest, AnOwnerIsTheSamePrincipalBack) {
  authz::Principal user = authz::testing::UserWith(
      {authz::testing::GrantOf(authz::Role::kResponsableOffre, "", {"350005179"}, {"350000741"}),
       authz::testing::GrantOf(authz::Role::kReferentRor, "53")},
      "u-9");
  const authz::Principal back = PrincipalOf(OwnerOf(user));
  EXPECT_EQ(back.kind, user.kind);
  EXPECT_EQ(back.subject, "u-9");
  ASSERT_EQ(back.grants.size(), 2u);
  EXPECT_EQ(back.grants[0].role, authz::Role::kResponsableOffre);
  EXPECT_THAT(back.grants[0].finess_ej, ElementsAre("350005179"));
  EXPECT_THAT(back.grants[0].finess_eg, ElementsAre("350000741"));
  EXPECT_EQ(back.grants[1].region, "53");
}

}  // namespace
}  // namespace ror::gateway::feeds
