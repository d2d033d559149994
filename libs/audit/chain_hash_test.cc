#include "libs/audit/chain_hash.h"

#include <functional>
#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace ror::audit {
namespace {

v1::AuditRecord Sample() {
  v1::AuditRecord r;
  r.set_sequence(7);
  r.mutable_recorded_at()->set_seconds(1'790'000'000);
  r.mutable_recorded_at()->set_nanos(123);
  r.mutable_actor()->set_kind(v1::Actor::KIND_USER);
  r.mutable_actor()->set_subject("u-1");
  r.mutable_actor()->set_display_name("Jeanne Martin");
  r.set_method("/ror.v1.OffreService/CreateOffre");
  r.set_stream_id("offre-1");
  r.set_stream_version(3);
  r.set_request_id("req-1");
  r.set_peer("ipv4:127.0.0.1:5000");
  r.set_outcome_code(0);
  r.set_outcome("OK");
  r.set_outcome_message("réussi");
  r.set_prev_hash(std::string(kHashSize, 'p'));
  return r;
}

TEST(ChainHashTest, IsSha256OfTheCanonicalEncodingAndIgnoresTheHashField) {
  v1::AuditRecord r = Sample();
  const std::string hash = RecordHash(r);
  EXPECT_EQ(hash.size(), kHashSize);
  r.set_hash("anything");
  EXPECT_EQ(RecordHash(r), hash);
  EXPECT_EQ(GenesisHash(), std::string(kHashSize, '\0'));
  EXPECT_EQ(Hex("\x01\xab"), "01ab");
}

// Every field of the record is covered: changing any one of them changes the hash.
TEST(ChainHashTest, EveryFieldChangesTheHash) {
  const std::vector<std::function<void(v1::AuditRecord&)>> changes = {
      [](auto& r) { r.set_sequence(8); },
      [](auto& r) { r.mutable_recorded_at()->set_seconds(1'790'000'001); },
      [](auto& r) { r.mutable_recorded_at()->set_nanos(124); },
      [](auto& r) { r.mutable_actor()->set_kind(v1::Actor::KIND_API_CLIENT); },
      [](auto& r) { r.mutable_actor()->set_subject("u-2"); },
      [](auto& r) { r.mutable_actor()->set_display_name("Jean Martin"); },
      [](auto& r) { r.set_method("/ror.v1.OffreService/UpdateOffre"); },
      [](auto& r) { r.set_stream_id("offre-2"); },
      [](auto& r) { r.set_stream_version(4); },
      [](auto& r) { r.set_request_id("req-2"); },
      [](auto& r) { r.set_peer("ipv4:127.0.0.2:5000"); },
      [](auto& r) { r.set_outcome_code(7); },
      [](auto& r) { r.set_outcome("PERMISSION_DENIED"); },
      [](auto& r) { r.set_outcome_message("accès refusé"); },
      [](auto& r) { r.set_prev_hash(std::string(kHashSize, 'q')); },
  };
  std::set<std::string> hashes = {RecordHash(Sample())};
  for (const auto& change : changes) {
    v1::AuditRecord r = Sample();
    change(r);
    hashes.insert(RecordHash(r));
  }
  EXPECT_EQ(hashes.size(), changes.size() + 1);
}

// Strings are length-prefixed: moving a character from one field to the next is a change.
TEST(ChainHashTest, FieldBoundariesCount) {
  v1::AuditRecord a = Sample();
  a.set_stream_id("offre-1");
  a.set_request_id("x");
  v1::AuditRecord b = Sample();
  b.set_stream_id("offre-");
  b.set_request_id("1x");
  EXPECT_NE(RecordHash(a), RecordHash(b));
}

// A field added to audit.proto must be added to CanonicalEncoding (and to the test above), or it
// would be stored unprotected by the chain.
TEST(ChainHashTest, TheEncodingKnowsEveryFieldOfTheRecord) {
  EXPECT_EQ(v1::AuditRecord::descriptor()->field_count(), 13)
      << "a field was added to AuditRecord: add it to CanonicalEncoding";
  EXPECT_EQ(v1::Actor::descriptor()->field_count(), 3)
      << "a field was added to Actor: add it to CanonicalEncoding";
}

}  // namespace
}  // namespace ror::audit
