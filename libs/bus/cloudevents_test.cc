#include "libs/bus/cloudevents.h"

#include "gtest/gtest.h"
#include "libs/common/status_matchers.h"

namespace ror::bus {
namespace {

v1::EventEnvelope SampleEvent() {
  v1::EventEnvelope e;
  e.set_event_id("0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  e.set_event_type("OffreCreated");
  e.set_schema_version(1);
  e.set_stream_id("offre-0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c");
  e.set_stream_version(3);
  e.set_global_position(42);
  e.mutable_occurred_at()->set_seconds(1790000000);
  e.set_request_id("req-1");
  e.set_correlation_id("corr-1");
  e.set_payload(
      std::string("\x0a\x03"
                  "abc",
                  5));
  return e;
}

std::string HeaderValue(const Headers& headers, absl::string_view name) {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return "<absent>";
}

TEST(CloudEventsTest, HeadersFollowTheKafkaBinaryBinding) {
  const Headers h = ToCloudEventHeaders(SampleEvent(), "offre");
  EXPECT_EQ(HeaderValue(h, "ce_specversion"), "1.0");
  EXPECT_EQ(HeaderValue(h, "ce_id"), "0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b");
  EXPECT_EQ(HeaderValue(h, "ce_source"), "/ror/offre");
  EXPECT_EQ(HeaderValue(h, "ce_type"), "fr.ror.offre.OffreCreated.v1");
  EXPECT_EQ(HeaderValue(h, "ce_subject"), "offre-0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c");
  EXPECT_EQ(HeaderValue(h, "ce_time"), "2026-09-21T14:13:20Z");
  EXPECT_EQ(HeaderValue(h, "content-type"), "application/protobuf");
  EXPECT_EQ(HeaderValue(h, "ce_streamversion"), "3");
  // Without a recorded trace, the event id becomes the trace id.
  EXPECT_EQ(HeaderValue(h, "traceparent"),
            "00-0190a1b2c3d47e5f8a6b7c8d9e0f1a2b-000000000000002a-01");
}

TEST(CloudEventsTest, RoundTripKeepsTheEnvelope) {
  v1::EventEnvelope sent = SampleEvent();
  sent.set_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_OK_AND_ASSIGN(v1::EventEnvelope got,
                       FromCloudEvent(ToCloudEventHeaders(sent, "offre"), sent.payload()));
  sent.clear_global_position();  // the producer's business, not carried in the record
  EXPECT_EQ(got.SerializeAsString(), sent.SerializeAsString());
}

TEST(CloudEventsTest, MissingOrBadHeadersAreNamed) {
  Headers h = ToCloudEventHeaders(SampleEvent(), "offre");
  Headers without_subject;
  for (const auto& kv : h) {
    if (kv.first != "ce_subject") without_subject.push_back(kv);
  }
  absl::StatusOr<v1::EventEnvelope> r = FromCloudEvent(without_subject, "");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ce_subject"), std::string::npos);

  for (auto& kv : h) {
    if (kv.first == "ce_type") kv.second = "com.example.Other";
  }
  r = FromCloudEvent(h, "");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("ce_type"), std::string::npos);
}

TEST(CloudEventsTest, TopicFollowsTheStreamCategory) {
  EXPECT_EQ(TopicForStream("offre-0190"), "ror.offre.events.v1");
  EXPECT_EQ(TopicForStream("etablissement-010000024"), "ror.etablissement.events.v1");
}

}  // namespace
}  // namespace ror::bus
