#include "gateway/feeds/change_stream.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gateway/feeds/feeds_testing.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/authz/access_testing.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::feeds {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;

struct Event {
  std::string id;  // "<sequence>@<epoch>"
  uint64_t sequence = 0;
  json data;
};

class ChangeStreamTest : public ::testing::Test, protected testing::DirectoryWithRennes {
 protected:
  ChangeStreamTest()
      : streams_(resources(),
                 {.heartbeat = absl::Hours(1), .max_streams = 3, .max_streams_per_client = 2}) {
    Publish("o1");
    Publish("o2", /*sensible=*/true);
  }

  http::Reply Open(const std::string& target, const std::string& last_event_id = "",
                   const authz::Principal& caller = authz::Anonymous(),
                   const std::string& peer = "192.0.2.1") {
    http::Request request(http::Verb::get, target, 11);
    if (!last_event_id.empty()) request.set("Last-Event-ID", last_event_id);
    http::RequestContext context;
    context.peer = peer;
    return streams_.Open(request, context, caller);
  }

  // The events a stream has now.
  static std::vector<Event> Events(http::BodyStream& stream) {
    std::vector<Event> events;
    const std::optional<std::string> text = stream.Next();
    EXPECT_TRUE(text.has_value());
    for (absl::string_view block : absl::StrSplit(text.value_or(""), "\n\n", absl::SkipEmpty())) {
      Event event;
      for (absl::string_view line : absl::StrSplit(block, '\n')) {
        if (absl::ConsumePrefix(&line, "id: ")) {
          event.id = std::string(line);
          const std::optional<directory::LogPosition> position = directory::ParsePosition(line);
          EXPECT_TRUE(position.has_value() && !position->epoch.empty()) << line;
          if (position.has_value()) event.sequence = position->sequence;
        }
        if (absl::ConsumePrefix(&line, "data: ")) event.data = json::parse(line);
      }
      if (!event.id.empty()) events.push_back(std::move(event));
    }
    return events;
  }

  static std::vector<std::string> Resources(const std::vector<Event>& events) {
    std::vector<std::string> names;
    for (const Event& event : events) {
      names.push_back(event.data["resourceType"].get<std::string>() + "/" +
                      event.data["resourceId"].get<std::string>());
    }
    return names;
  }

  ChangeStreams streams_;
};

TEST_F(ChangeStreamTest, FromTheStartTheCallerSeesWhatHeMaySeeInOrder) {
  http::Reply reply = Open("/api/v1/changes?lastEventId=0");
  ASSERT_NE(reply.stream, nullptr);
  EXPECT_EQ(reply.response.result_int(), 200);
  EXPECT_EQ(reply.response[http::Field::content_type], "text/event-stream; charset=utf-8");
  const std::vector<Event> events = Events(*reply.stream);
  // The unité sensible o2 is not for anonymous eyes.
  EXPECT_THAT(Resources(events), ElementsAre("Organization/350000741", "HealthcareService/o1"));
  EXPECT_EQ(events[1].data["action"], "update");
  EXPECT_EQ(events[1].data["id"], "offre-o1#2");  // the validating event
  EXPECT_EQ(events[1].data["resource"]["resourceType"], "HealthcareService");
  EXPECT_TRUE(Events(*reply.stream).empty());

  authz::Principal caller =
      authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  caller.expires_at = absl::Now() + absl::Minutes(5);
  http::Reply regulateur = Open("/api/v1/changes?lastEventId=0", "", caller);
  EXPECT_THAT(
      Resources(Events(*regulateur.stream)),
      ElementsAre("Organization/350000741", "HealthcareService/o1", "HealthcareService/o2"));
}

TEST_F(ChangeStreamTest, LastEventIdResumesAfterIt) {
  http::Reply first = Open("/api/v1/changes?lastEventId=0");
  const std::vector<Event> all = Events(*first.stream);
  ASSERT_EQ(all.size(), 2u);
  http::Reply resumed = Open("/api/v1/changes", all[0].id);
  EXPECT_THAT(Resources(Events(*resumed.stream)), ElementsAre("HealthcareService/o1"));
}

TEST_F(ChangeStreamTest, AnIdOfADirectorySinceRebuiltStartsTheLogAgain) {
  http::Reply first = Open("/api/v1/changes?lastEventId=0");
  const std::vector<Event> before = Events(*first.stream);
  ASSERT_EQ(before.size(), 2u);
  // Rebuilt from the bus, in another order of the topics: the numbering starts again.
  ClearDirectory();
  Publish("o1");
  ImportRennes();
  http::Reply resumed = Open("/api/v1/changes", before[0].id);
  ASSERT_NE(resumed.stream, nullptr);
  const std::vector<Event> after = Events(*resumed.stream);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_THAT(Resources(after), ElementsAre("HealthcareService/o1", "Organization/350000741"));
  EXPECT_NE(after[0].id.substr(after[0].id.find('@')), before[0].id.substr(before[0].id.find('@')));
  // The events keep their ids: a client passes over what it had.
  EXPECT_EQ(after[0].data["id"], before[1].data["id"]);
  // The stream open through the rebuild starts again too, and misses nothing.
  Publish("o3");
  EXPECT_THAT(
      Resources(Events(*first.stream)),
      ElementsAre("HealthcareService/o1", "Organization/350000741", "HealthcareService/o3"));
  // A sequence alone is read in the current numbering.
  http::Reply by_sequence = Open("/api/v1/changes", "2", authz::Anonymous(), "192.0.2.2");
  ASSERT_NE(by_sequence.stream, nullptr);
  EXPECT_THAT(Resources(Events(*by_sequence.stream)), ElementsAre("HealthcareService/o3"));
}

TEST_F(ChangeStreamTest, WithoutLastEventIdTheStreamStartsWithTheNextChange) {
  http::Reply reply = Open("/api/v1/changes");
  EXPECT_TRUE(Events(*reply.stream).empty());
  Publish("o3");
  EXPECT_THAT(Resources(Events(*reply.stream)), ElementsAre("HealthcareService/o3"));
}

TEST_F(ChangeStreamTest, FiltersKeepATypeAnEtablissementOrARegion) {
  EXPECT_THAT(Resources(Events(*Open("/api/v1/changes?lastEventId=0&type=Organization").stream)),
              ElementsAre("Organization/350000741"));
  EXPECT_THAT(
      Resources(Events(*Open("/api/v1/changes?lastEventId=0&etablissement=350000741").stream)),
      ElementsAre("Organization/350000741", "HealthcareService/o1"));
  EXPECT_TRUE(
      Events(*Open("/api/v1/changes?lastEventId=0&etablissement=010000024").stream).empty());
  EXPECT_THAT(Resources(Events(*Open("/api/v1/changes?lastEventId=0&region=84,53").stream)),
              ElementsAre("Organization/350000741", "HealthcareService/o1"));
  EXPECT_TRUE(Events(*Open("/api/v1/changes?lastEventId=0&region=84").stream).empty());
}

// The CHU de Rennes (EJ) runs Pontchaillou: the followers of that EG, and those of its région,
// see its EJ change; those of another EG or région do not.
TEST_F(ChangeStreamTest, AnEntiteJuridiqueGoesToTheFollowersOfItsEgsAndOfItsRegion) {
  v1::events::EntiteJuridiqueImported imported;
  *imported.mutable_fiche() = fhir::testing::ChuRennes();
  Apply(directory::testing::EnvelopeOf("etablissement-ej-350005179", 1, imported, 3000));
  v1::events::EntiteJuridiqueImported elsewhere;
  *elsewhere.mutable_fiche() = fhir::testing::ChuRennes();
  elsewhere.mutable_fiche()->set_finess_ej("010780054");
  elsewhere.mutable_fiche()->set_departement("01");
  Apply(directory::testing::EnvelopeOf("etablissement-ej-010780054", 1, elsewhere, 3100));

  EXPECT_THAT(
      Resources(Events(*Open("/api/v1/changes?lastEventId=0&type=Organization").stream)),
      ElementsAre("Organization/350000741", "Organization/350005179", "Organization/010780054"));
  EXPECT_THAT(
      Resources(Events(*Open("/api/v1/changes?lastEventId=0&etablissement=350000741").stream)),
      ElementsAre("Organization/350000741", "HealthcareService/o1", "Organization/350005179"));
  EXPECT_TRUE(
      Events(*Open("/api/v1/changes?lastEventId=0&etablissement=010000024").stream).empty());
  EXPECT_THAT(
      Resources(Events(*Open("/api/v1/changes?lastEventId=0&region=53").stream)),
      ElementsAre("Organization/350000741", "HealthcareService/o1", "Organization/350005179"));
  EXPECT_THAT(Resources(Events(*Open("/api/v1/changes?lastEventId=0&region=84").stream)),
              ElementsAre("Organization/010780054"));
  EXPECT_TRUE(
      Events(*Open("/api/v1/changes?lastEventId=0&etablissement=350000741&region=84").stream)
          .empty());
}

TEST_F(ChangeStreamTest, TheFollowersOfAnEtablissementSeeAnOffreLeaveIt) {
  http::Reply rennes = Open("/api/v1/changes?etablissement=350000741");
  http::Reply bourg = Open("/api/v1/changes?etablissement=010000024");
  v1::events::OffreMoved moved;
  moved.set_offre_id("o1");
  moved.set_finess_eg("010000024");
  Apply(directory::testing::EnvelopeOf("offre-o1", 3, moved, 5000));
  EXPECT_THAT(Resources(Events(*rennes.stream)), ElementsAre("HealthcareService/o1"));
  EXPECT_THAT(Resources(Events(*bourg.stream)), ElementsAre("HealthcareService/o1"));
}

TEST_F(ChangeStreamTest, BadParametersAre400NamingThem) {
  for (const auto& [target, field] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/changes?type=Patient", "type"},
           {"/api/v1/changes?etablissement=12", "etablissement"},
           {"/api/v1/changes?lastEventId=3%40", "lastEventId"},
           {"/api/v1/changes?lastEventId=x%40abc", "lastEventId"},
           {"/api/v1/changes?region=99", "region"},
           {"/api/v1/changes?since=2026", "since"},
           {"/api/v1/changes?lastEventId=x", "lastEventId"}}) {
    http::Reply reply = Open(target);
    EXPECT_EQ(reply.stream, nullptr) << target;
    EXPECT_EQ(reply.response.result_int(), 400) << target;
    EXPECT_EQ(json::parse(reply.response.body())["violations"][0]["field"], field) << target;
  }
  http::Reply bad_header = Open("/api/v1/changes", "not-a-number");
  EXPECT_EQ(json::parse(bad_header.response.body())["violations"][0]["field"], "Last-Event-ID");
}

TEST_F(ChangeStreamTest, StreamsBeyondTheLimitsAre503UntilOneCloses) {
  http::Reply one = Open("/api/v1/changes");
  http::Reply two = Open("/api/v1/changes");
  // Two for this address; another still gets one, then the total is reached.
  EXPECT_EQ(Open("/api/v1/changes").response.result_int(), 503);
  http::Reply three = Open("/api/v1/changes", "", authz::Anonymous(), "192.0.2.2");
  EXPECT_NE(three.stream, nullptr);
  EXPECT_EQ(Open("/api/v1/changes", "", authz::Anonymous(), "192.0.2.3").response.result_int(),
            503);
  one.stream.reset();
  EXPECT_NE(Open("/api/v1/changes").stream, nullptr);
}

TEST_F(ChangeStreamTest, AnExpiredTokenEndsTheStream) {
  authz::Principal caller =
      authz::testing::UserWith({authz::testing::GrantOf(authz::Role::kRegulateur)});
  caller.expires_at = absl::Now() - absl::Seconds(1);
  http::Reply reply = Open("/api/v1/changes", "", caller);
  EXPECT_EQ(reply.stream->Next(), std::nullopt);
}

}  // namespace
}  // namespace ror::gateway::feeds
