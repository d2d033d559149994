// Golden serialized events (DESIGN §2: events are forever). The bytes below were written by the
// first version of the auth events; every later version of the schema must still decode them to
// the same values. Never edit a golden string: add a new one next to it.
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "ror/v1/events/auth_events.pb.h"

namespace ror::auth::domain {
namespace {

constexpr char kAccountId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";

v1::events::AccountCreated AccountCreatedV1() {
  v1::events::AccountCreated e;
  e.set_account_id(kAccountId);
  e.set_email("Ervann.Andreo@esante-occitanie.fr");
  e.set_prenom("Ervann");
  e.set_nom("Andréo");
  e.set_origin(v1::events::AccountCreated::ORIGIN_REQUESTED);
  e.set_account_request_id(kAccountId);
  e.mutable_created_at()->set_seconds(1790000000);
  return e;
}

v1::events::RoleGranted RoleGrantedV1() {
  v1::events::RoleGranted e;
  e.set_account_id(kAccountId);
  e.mutable_grant()->set_role("responsable_offre");
  e.mutable_grant()->add_finess_ej("010780054");
  e.mutable_grant()->add_finess_eg("010000024");
  e.mutable_at()->set_seconds(1790000001);
  return e;
}

v1::events::LoginFailed LoginFailedV1() {
  v1::events::LoginFailed e;
  e.set_account_id(kAccountId);
  e.set_attempt_id("0190a1b2-c3d4-7e5f-8a6b-000000000005");
  e.set_consecutive_failures(5);
  e.mutable_locked_until()->set_seconds(1790000060);
  e.mutable_at()->set_seconds(1790000000);
  return e;
}

v1::events::SessionRevoked SessionRevokedV1() {
  v1::events::SessionRevoked e;
  e.set_session_id("0190a1b2-c3d4-7e5f-8a6b-00000000000a");
  e.set_reason(v1::events::SessionRevoked::REASON_REFRESH_TOKEN_REUSED);
  e.mutable_at()->set_seconds(1790000300);
  return e;
}

// As first published (schema_version 1).
constexpr char kAccountCreatedV1[] =
    "0a2430313930613162322d633364342d376535662d386136622d376338643965306631613262122145727661"
    "6e6e2e416e6472656f406573616e74652d6f63636974616e69652e66721a06457276616e6e2207416e6472c3"
    "a96f2802322430313930613162322d633364342d376535662d386136622d3763386439653066316132623a06"
    "0880f7c4d506";
constexpr char kRoleGrantedV1[] =
    "0a2430313930613162322d633364342d376535662d386136622d37633864396530663161326212290a117265"
    "73706f6e7361626c655f6f666672651a0930313037383030353422093031303030303032341a060881f7c4d5"
    "06";
constexpr char kLoginFailedV1[] =
    "0a2430313930613162322d633364342d376535662d386136622d376338643965306631613262122430313930"
    "613162322d633364342d376535662d386136622d3030303030303030303030351805220608bcf7c4d5062a06"
    "0880f7c4d506";
constexpr char kSessionRevokedV1[] =
    "0a2430313930613162322d633364342d376535662d386136622d30303030303030303030306110021a0608ac"
    "f9c4d506";

template <typename Message>
void ExpectGolden(const Message& expected, const char* golden) {
  Message decoded;
  ASSERT_TRUE(decoded.ParseFromString(absl::HexStringToBytes(golden)));
  EXPECT_EQ(decoded.DebugString(), expected.DebugString());
  EXPECT_EQ(absl::BytesToHexString(expected.SerializeAsString()), golden);
}

TEST(AuthGoldenTest, AccountCreatedV1) { ExpectGolden(AccountCreatedV1(), kAccountCreatedV1); }
TEST(AuthGoldenTest, RoleGrantedV1) { ExpectGolden(RoleGrantedV1(), kRoleGrantedV1); }
TEST(AuthGoldenTest, LoginFailedV1) { ExpectGolden(LoginFailedV1(), kLoginFailedV1); }
TEST(AuthGoldenTest, SessionRevokedV1) { ExpectGolden(SessionRevokedV1(), kSessionRevokedV1); }

}  // namespace
}  // namespace ror::auth::domain
