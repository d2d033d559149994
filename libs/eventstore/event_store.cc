#include "absl/strings/string_view.h"
#include "libs/eventstore/event_store.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "ror/v1/types.pb.h"

namespace ror::eventstore {
namespace {

constexpr char kConflictPayloadUrl[] = "type.googleapis.com/ror.v1.VersionConflict";
constexpr size_t kMaxStreamIdLength = 200;
constexpr size_t kMaxRequestIdLength = 200;

bool IsCategoryChar(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

}  // namespace

absl::Status ValidateAppend(absl::string_view stream_id, int64_t expected_version,
                            const std::vector<v1::EventEnvelope>& events,
                            absl::string_view request_id) {
  const size_t dash = stream_id.find('-');
  if (stream_id.empty() || stream_id.size() > kMaxStreamIdLength || dash == 0 ||
      dash == absl::string_view::npos || dash + 1 == stream_id.size() ||
      stream_id.find('\0') != absl::string_view::npos ||
      !std::all_of(stream_id.begin(), stream_id.begin() + dash, IsCategoryChar)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "stream_id: must be \"<category>-<id>\" with a lower-case category, at most ",
        kMaxStreamIdLength, " bytes (got \"", stream_id.substr(0, 64), "\")"));
  }
  if (expected_version < kAnyVersion) {
    return absl::InvalidArgumentError(absl::StrCat(
        "expected_version: must be -1 (any), 0 (no stream) or a version (got ", expected_version,
        ")"));
  }
  if (events.empty()) return absl::InvalidArgumentError("events: at least one event is required");
  for (size_t i = 0; i < events.size(); ++i) {
    if (events[i].event_type().empty()) {
      return absl::InvalidArgumentError(absl::StrCat("events[", i, "].event_type: required"));
    }
  }
  if (request_id.empty() || request_id.size() > kMaxRequestIdLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id: required, at most ", kMaxRequestIdLength, " bytes"));
  }
  return absl::OkStatus();
}

absl::Status CheckExpectedVersion(absl::string_view stream_id, int64_t expected, int64_t current) {
  if (expected == kAnyVersion || expected == current) return absl::OkStatus();
  absl::Status status = absl::AbortedError(absl::StrCat(
      "stream ", stream_id, ": expected version ", expected, ", current version ", current));
  v1::VersionConflict conflict;
  conflict.set_stream_id(std::string(stream_id));
  conflict.set_expected_version(expected);
  conflict.set_current_version(current);
  status.SetPayload(kConflictPayloadUrl, absl::Cord(conflict.SerializeAsString()));
  return status;
}

std::optional<int64_t> ConflictCurrentVersion(const absl::Status& status) {
  auto payload = status.GetPayload(kConflictPayloadUrl);
  if (!payload) return std::nullopt;
  v1::VersionConflict conflict;
  if (!conflict.ParseFromString(std::string(*payload))) return std::nullopt;
  return conflict.current_version();
}

AppendResult StampEnvelopes(absl::string_view stream_id, int64_t current_version,
                            uint64_t next_position, absl::string_view request_id,
                            absl::Time now, IdGenerator& ids,
                            std::vector<v1::EventEnvelope>& events) {
  const auto timestamp =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  for (size_t i = 0; i < events.size(); ++i) {
    v1::EventEnvelope& e = events[i];
    e.set_stream_id(std::string(stream_id));
    e.set_stream_version(current_version + 1 + static_cast<int64_t>(i));
    e.set_global_position(next_position + i);
    e.set_request_id(std::string(request_id));
    if (e.event_id().empty()) e.set_event_id(ids.NewId());
    if (!e.has_occurred_at()) *e.mutable_occurred_at() = timestamp;
    if (e.schema_version() == 0) e.set_schema_version(1);
  }
  return AppendResult{
      .first_version = current_version + 1,
      .last_version = current_version + static_cast<int64_t>(events.size()),
      .first_position = next_position,
      .last_position = next_position + events.size() - 1,
  };
}

}  // namespace ror::eventstore
