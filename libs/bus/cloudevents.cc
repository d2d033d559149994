#include "libs/bus/cloudevents.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "google/protobuf/util/time_util.h"

namespace ror::bus {
namespace {

using google::protobuf::util::TimeUtil;

const std::string* Find(const Headers& headers, absl::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return &value;
  }
  return nullptr;
}

// ce_type is "fr.ror.<category>.<EventType>.v<schema>".
bool ParseType(absl::string_view type, std::string* event_type, int* schema_version) {
  if (!absl::ConsumePrefix(&type, "fr.ror.")) return false;
  const size_t category_end = type.find('.');
  const size_t version_start = type.rfind(".v");
  if (category_end == absl::string_view::npos || version_start == absl::string_view::npos ||
      version_start <= category_end) {
    return false;
  }
  *event_type = std::string(type.substr(category_end + 1, version_start - category_end - 1));
  return absl::SimpleAtoi(type.substr(version_start + 2), schema_version) && !event_type->empty();
}

// A W3C traceparent for events recorded without one: the event id is a valid 128-bit trace id.
std::string DefaultTraceparent(const v1::EventEnvelope& event) {
  std::string trace_id = absl::StrReplaceAll(event.event_id(), {{"-", ""}});
  if (trace_id.size() != 32) trace_id = std::string(32, '0');
  return absl::StrCat("00-", trace_id, "-", absl::Hex(event.global_position(), absl::kZeroPad16),
                      "-01");
}

}  // namespace

absl::string_view StreamCategory(absl::string_view stream_id) {
  return stream_id.substr(0, stream_id.find('-'));
}

std::string TopicForStream(absl::string_view stream_id) {
  return absl::StrCat("ror.", StreamCategory(stream_id), ".events.v1");
}

Headers ToCloudEventHeaders(const v1::EventEnvelope& event, absl::string_view service) {
  Headers h;
  h.reserve(10);
  h.emplace_back("ce_specversion", "1.0");
  h.emplace_back("ce_id", event.event_id());
  h.emplace_back("ce_source", absl::StrCat("/ror/", service));
  h.emplace_back("ce_type",
                 absl::StrCat("fr.ror.", StreamCategory(event.stream_id()), ".", event.event_type(),
                              ".v", std::max(event.schema_version(), 1)));
  h.emplace_back("ce_subject", event.stream_id());
  h.emplace_back("ce_time", TimeUtil::ToString(event.occurred_at()));
  h.emplace_back("content-type", "application/protobuf");
  h.emplace_back("ce_streamversion", absl::StrCat(event.stream_version()));
  h.emplace_back("traceparent",
                 event.traceparent().empty() ? DefaultTraceparent(event) : event.traceparent());
  if (!event.request_id().empty()) h.emplace_back("ce_requestid", event.request_id());
  if (!event.correlation_id().empty()) h.emplace_back("ce_correlationid", event.correlation_id());
  if (!event.causation_id().empty()) h.emplace_back("ce_causationid", event.causation_id());
  if (!event.actor().subject().empty()) {
    h.emplace_back("ce_actor", absl::StrCat(v1::Actor::Kind_Name(event.actor().kind()), ":",
                                            event.actor().subject()));
  }
  return h;
}

OutgoingRecord EventRecord(const v1::EventEnvelope& event, absl::string_view service) {
  return OutgoingRecord{.topic = TopicForStream(event.stream_id()),
                        .key = event.stream_id(),
                        .headers = ToCloudEventHeaders(event, service),
                        .value = event.payload()};
}

absl::StatusOr<v1::EventEnvelope> FromCloudEvent(const Headers& headers, absl::string_view value) {
  v1::EventEnvelope e;
  auto required = [&](absl::string_view name) -> absl::StatusOr<std::string> {
    const std::string* v = Find(headers, name);
    if (v == nullptr || v->empty()) {
      return absl::InvalidArgumentError(absl::StrCat("header ", name, ": required"));
    }
    return *v;
  };
  absl::StatusOr<std::string> id = required("ce_id");
  if (!id.ok()) return id.status();
  e.set_event_id(*id);
  absl::StatusOr<std::string> subject = required("ce_subject");
  if (!subject.ok()) return subject.status();
  e.set_stream_id(*subject);
  absl::StatusOr<std::string> type = required("ce_type");
  if (!type.ok()) return type.status();
  std::string event_type;
  int schema_version = 0;
  if (!ParseType(*type, &event_type, &schema_version)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "header ce_type: must be fr.ror.<category>.<EventType>.v<N> (got ", *type, ")"));
  }
  e.set_event_type(event_type);
  e.set_schema_version(schema_version);
  absl::StatusOr<std::string> version = required("ce_streamversion");
  if (!version.ok()) return version.status();
  int64_t stream_version = 0;
  if (!absl::SimpleAtoi(*version, &stream_version) || stream_version < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("header ce_streamversion: must be a positive integer (got ", *version, ")"));
  }
  e.set_stream_version(stream_version);
  if (const std::string* time = Find(headers, "ce_time")) {
    if (!TimeUtil::FromString(*time, e.mutable_occurred_at())) {
      return absl::InvalidArgumentError(
          absl::StrCat("header ce_time: not RFC 3339 (got ", *time, ")"));
    }
  }
  if (const std::string* v = Find(headers, "traceparent")) e.set_traceparent(*v);
  if (const std::string* v = Find(headers, "ce_requestid")) e.set_request_id(*v);
  if (const std::string* v = Find(headers, "ce_correlationid")) e.set_correlation_id(*v);
  if (const std::string* v = Find(headers, "ce_causationid")) e.set_causation_id(*v);
  e.set_payload(std::string(value));
  return e;
}

}  // namespace ror::bus
