#include "services/auth/app/auth_bus_view.h"

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/eventstore/event_codec.h"
#include "services/auth/domain/account.h"
#include "services/auth/domain/api_client.h"
#include "services/auth/domain/session.h"

namespace ror::auth::app {
namespace {

v1::EventEnvelope Stored(v1::EventEnvelope envelope, const std::string& stream) {
  envelope.set_event_id("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  envelope.set_stream_id(stream);
  envelope.set_stream_version(2);
  envelope.set_global_position(7);
  return envelope;
}

TEST(AuthBusViewTest, SecretHashesNeverLeaveTheService) {
  domain::PasswordSet password;
  password.set_account_id("a1");
  password.set_password_hash("$argon2id$v=19$secret");
  auto record =
      AuthBusRecord(Stored(eventstore::EncodeEvent(domain::AccountEvent(password)), "account-a1"));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->topic, "ror.auth.events.v1");
  EXPECT_EQ(record->key, "account-a1");
  domain::PasswordSet published;
  ASSERT_TRUE(published.ParseFromString(record->value));
  EXPECT_EQ(published.account_id(), "a1");
  EXPECT_TRUE(published.password_hash().empty());

  domain::SessionOpened opened;
  opened.set_session_id("s1");
  opened.set_refresh_token_hash("sha");
  record =
      AuthBusRecord(Stored(eventstore::EncodeEvent(domain::SessionEvent(opened)), "session-s1"));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->value.find("sha"), std::string::npos);

  domain::ApiClientCreated client;
  client.set_client_id("c1");
  client.set_client_secret_hash("topsecret");
  record = AuthBusRecord(
      Stored(eventstore::EncodeEvent(domain::ApiClientEvent(client)), "api_client-c1"));
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->value.find("topsecret"), std::string::npos);
}

TEST(AuthBusViewTest, WhoAnAccountHolderIsStaysInTheService) {
  domain::AccountCreated created;
  created.set_account_id("a1");
  created.set_email("camille.martin@chu-rennes.fr");
  created.set_prenom("Camille");
  created.set_nom("Martin");
  auto record =
      AuthBusRecord(Stored(eventstore::EncodeEvent(domain::AccountEvent(created)), "account-a1"));
  ASSERT_TRUE(record.has_value());
  domain::AccountCreated published;
  ASSERT_TRUE(published.ParseFromString(record->value));
  EXPECT_EQ(published.account_id(), "a1");
  EXPECT_EQ(record->value.find("camille"), std::string::npos);
  EXPECT_EQ(record->value.find("Martin"), std::string::npos);
}

TEST(AuthBusViewTest, EverySecretFieldOfTheEventsIsNamedAsOne) {
  // The view clears fields by name: a field holding a hash must end in "_hash".
  const google::protobuf::FileDescriptor* file = domain::AccountCreated::descriptor()->file();
  for (int i = 0; i < file->message_type_count(); ++i) {
    const google::protobuf::Descriptor* message = file->message_type(i);
    for (int j = 0; j < message->field_count(); ++j) {
      const std::string& name = message->field(j)->name();
      EXPECT_FALSE(name.find("hash") != std::string::npos && !absl::EndsWith(name, "_hash"))
          << message->name() << "." << name;
      EXPECT_FALSE(name.find("password") != std::string::npos && name != "password_hash")
          << message->name() << "." << name;
      EXPECT_FALSE(name.find("secret") != std::string::npos && !absl::EndsWith(name, "_hash"))
          << message->name() << "." << name;
    }
  }
}

TEST(AuthBusViewTest, AnUnknownEventIsNotPublished) {
  v1::EventEnvelope envelope;
  envelope.set_event_type("Inconnu");
  envelope.set_schema_version(1);
  EXPECT_FALSE(AuthBusRecord(Stored(envelope, "account-a1")).has_value());
}

}  // namespace
}  // namespace ror::auth::app
