// Golden serialized events (DESIGN §2: events are forever). The bytes below were written by the
// first version of OffreCreated; every later version of the schema must still decode them to
// the same values. Never edit a golden string: add a new one next to it.
#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "ror/v1/events/offre_events.pb.h"

namespace ror::offre::domain {
namespace {

// OffreCreated as first published (schema_version 1).
constexpr char kOffreCreatedV1[] =
    "0a2430313930613162322d633364342d376535662d386136622d376338643965306631613262123a48432043"
    "617264696f6c6f67696520696e74657276656e74696f6e6e656c6c6520e280932048c3b4706974616c2050"
    "6f6e74636861696c6c6f751a02303122093335303030303734312a0b0880f7c4d50610c0a9d33a";

TEST(OffreGoldenTest, OffreCreatedV1StillDecodes) {
  v1::events::OffreCreated e;
  ASSERT_TRUE(e.ParseFromString(absl::HexStringToBytes(kOffreCreatedV1)));
  EXPECT_EQ(e.offre_id(), "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  EXPECT_EQ(e.nom(), "HC Cardiologie interventionnelle – Hôpital Pontchaillou");
  EXPECT_EQ(e.champ_activite(), "01");
  EXPECT_EQ(e.finess_eg(), "350000741");
  EXPECT_EQ(e.created_at().seconds(), 1790000000);
  EXPECT_EQ(e.created_at().nanos(), 123000000);
}

TEST(OffreGoldenTest, OffreCreatedV1EncodingIsUnchanged) {
  v1::events::OffreCreated e;
  e.set_offre_id("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  e.set_nom("HC Cardiologie interventionnelle – Hôpital Pontchaillou");
  e.set_champ_activite("01");
  e.set_finess_eg("350000741");
  e.mutable_created_at()->set_seconds(1790000000);
  e.mutable_created_at()->set_nanos(123000000);
  EXPECT_EQ(absl::BytesToHexString(e.SerializeAsString()), kOffreCreatedV1);
}

}  // namespace
}  // namespace ror::offre::domain
