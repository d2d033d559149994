// The open-data view: published versions of offres anyone may see, tombstones when they leave.
#include "services/offre/app/public_offre_view.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "libs/common/clock.h"
#include "libs/common/status_matchers.h"
#include "libs/eventstore/memory_event_store.h"
#include "ror/v1/events/public_offre.pb.h"
#include "services/offre/app/offre_codec.h"

namespace ror::offre::app {
namespace {

constexpr char kId[] = "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";

v1::OffreContent Content(std::string nom, bool sensible = false) {
  v1::OffreContent c;
  c.set_nom(std::move(nom));
  c.set_champ_activite("01");
  c.set_type_offre("149");
  c.set_unite_sensible(sensible);
  return c;
}

class PublicOffreViewTest : public ::testing::Test {
 protected:
  // Appends `event` to the offre's stream and returns what the public view makes of it.
  std::optional<bus::OutgoingRecord> Append(const domain::Event& event) {
    std::vector<v1::EventEnvelope> envelopes{Encode(event)};
    absl::StatusOr<eventstore::AppendResult> appended =
        store_.Append(StreamId(kId), eventstore::kAnyVersion, std::move(envelopes),
                      absl::StrCat("r", ++requests_));
    EXPECT_OK(appended.status());
    absl::StatusOr<std::vector<v1::EventEnvelope>> last =
        store_.ReadAll(appended->last_position, 1);
    EXPECT_OK(last.status());
    return PublicOffreRecord(store_, last->front());
  }

  domain::OffreCreated Created() {
    domain::OffreCreated e;
    e.set_offre_id(kId);
    e.set_finess_eg("350000741");
    *e.mutable_draft() = Content("HC Cardiologie");
    return e;
  }
  domain::DraftValidated Validated(v1::OffreContent published) {
    domain::DraftValidated e;
    e.set_offre_id(kId);
    *e.mutable_published() = std::move(published);
    return e;
  }
  domain::OffreDraftUpdated Saved(v1::OffreContent draft) {
    domain::OffreDraftUpdated e;
    e.set_offre_id(kId);
    *e.mutable_draft() = std::move(draft);
    return e;
  }

  FakeClock clock_;
  eventstore::MemoryEventStore store_{clock_};
  int requests_ = 0;
};

TEST_F(PublicOffreViewTest, OnlyPublishedVersionsOfVisibleOffresGoOut) {
  EXPECT_FALSE(Append(Created()).has_value()) << "a draft is not public";
  std::optional<bus::OutgoingRecord> published = Append(Validated(Content("HC Cardiologie")));
  ASSERT_TRUE(published.has_value());
  EXPECT_EQ(published->topic, "ror.public.offre.v1");
  EXPECT_EQ(published->key, kId);
  EXPECT_FALSE(published->tombstone);
  v1::events::OffrePublique view;
  ASSERT_TRUE(view.ParseFromString(published->value));
  EXPECT_EQ(view.content().nom(), "HC Cardiologie");
  EXPECT_EQ(view.finess_eg(), "350000741");
  EXPECT_EQ(view.version(), 2);

  EXPECT_FALSE(Append(Saved(Content("HC Cardiologie et rythmologie"))).has_value())
      << "a pending draft changes nothing the public sees";
  std::optional<bus::OutgoingRecord> renamed =
      Append(Validated(Content("HC Cardiologie et rythmologie")));
  ASSERT_TRUE(renamed.has_value());
  ASSERT_TRUE(view.ParseFromString(renamed->value));
  EXPECT_EQ(view.content().nom(), "HC Cardiologie et rythmologie");
}

TEST_F(PublicOffreViewTest, AnOffreThatBecomesSensitiveOrClosesLeavesWithATombstone) {
  Append(Created());
  ASSERT_TRUE(Append(Validated(Content("HC Cardiologie"))).has_value());
  std::optional<bus::OutgoingRecord> hidden = Append(Validated(Content("HC Cardiologie", true)));
  ASSERT_TRUE(hidden.has_value());
  EXPECT_TRUE(hidden->tombstone);
  EXPECT_TRUE(hidden->value.empty()) << "nothing of a sensitive offre goes out";
  bool retired = false;
  for (const auto& [key, value] : hidden->headers) {
    retired |= key == "ce_type" && value == "fr.ror.public.offre.OffreRetiree.v1";
  }
  EXPECT_TRUE(retired);
  EXPECT_FALSE(Append(Validated(Content("HC Cardiologie USIC", true))).has_value())
      << "a sensitive offre stays out, whatever it changes";

  ASSERT_TRUE(Append(Validated(Content("HC Cardiologie"))).has_value());
  domain::OffreClosed closed;
  closed.set_offre_id(kId);
  closed.set_definitive(true);
  std::optional<bus::OutgoingRecord> gone = Append(closed);
  ASSERT_TRUE(gone.has_value());
  EXPECT_TRUE(gone->tombstone);
}

TEST_F(PublicOffreViewTest, OtherStreamsAreNotItsBusiness) {
  v1::EventEnvelope other;
  other.set_stream_id("etablissement-010000024");
  other.set_stream_version(1);
  EXPECT_FALSE(PublicOffreRecord(store_, other).has_value());
}

// The access function at profile 0: only what is "accès libre" of the contact details goes out,
// and a change the public does not see publishes nothing.
TEST_F(PublicOffreViewTest, OnlyLibreContactDetailsGoOut) {
  v1::OffreContent content = Content("HC Cardiologie");
  for (const char* level : {"1", "2", "3"}) {
    v1::Contact& contact = *content.add_contacts();
    contact.set_nom(absl::StrCat("Contact ", level));
    contact.set_confidentialite(level);
    v1::Telecom& telecom = *contact.add_telecoms();
    telecom.set_canal("2");
    telecom.set_valeur("0299284321");
    telecom.set_confidentialite(level);
    v1::AdresseMssante& mss = *content.add_adresses_mssante();
    mss.set_adresse(absl::StrCat("contact", level, "@ch.mssante.fr"));
    mss.set_confidentialite(level);
  }
  ASSERT_FALSE(Append(Created()).has_value());
  std::optional<bus::OutgoingRecord> published = Append(Validated(content));
  ASSERT_TRUE(published.has_value());
  v1::events::OffrePublique view;
  ASSERT_TRUE(view.ParseFromString(published->value));
  ASSERT_EQ(view.content().contacts_size(), 1);
  EXPECT_EQ(view.content().contacts(0).nom(), "Contact 1");
  ASSERT_EQ(view.content().adresses_mssante_size(), 1);
  EXPECT_EQ(view.content().adresses_mssante(0).adresse(), "contact1@ch.mssante.fr");

  // A new version that changes only a restreint telecom: nothing new for the public.
  content.mutable_contacts(1)->mutable_telecoms(0)->set_valeur("0299284322");
  EXPECT_FALSE(Append(Validated(content)).has_value());
}

}  // namespace
}  // namespace ror::offre::app
