#pragma once

#include "absl/strings/string_view.h"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/ids.h"
#include "ror/v1/envelope.pb.h"

namespace ror::eventstore {

// Expected versions: a stream's version is the number of events in it.
inline constexpr int64_t kAnyVersion = -1;  // append whatever the stream holds
inline constexpr int64_t kNoStream = 0;     // the stream must not exist yet

struct AppendResult {
  int64_t first_version = 0;
  int64_t last_version = 0;
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  bool deduplicated = false;  // the request_id was seen before: nothing was written
  bool operator==(const AppendResult&) const = default;
};

struct RequestOutcome {
  std::string stream_id;
  AppendResult result;
};

// An append-only log of streams with one global order. Implementations are thread-safe.
class EventStore {
 public:
  virtual ~EventStore() = default;

  // Appends `events` atomically at the end of `stream_id` when the stream is at
  // `expected_version` (or kAnyVersion). The caller fills event_type, payload and, when it has
  // them, event_id, occurred_at, actor, correlation_id, causation_id and traceparent; the store
  // sets stream_id, stream_version, global_position and request_id. Returns only once the
  // events are durable. A request_id seen before returns the first outcome and writes nothing.
  // Errors: INVALID_ARGUMENT (bad input, naming the field), ABORTED (version conflict, with a
  // ror.v1.VersionConflict payload), UNAVAILABLE (the store cannot write).
  virtual absl::StatusOr<AppendResult> Append(absl::string_view stream_id, int64_t expected_version,
                                              std::vector<v1::EventEnvelope> events,
                                              absl::string_view request_id) = 0;

  // Events of one stream in version order, from `from_version` (1-based). NOT_FOUND when the
  // stream has no event.
  virtual absl::StatusOr<std::vector<v1::EventEnvelope>> ReadStream(
      absl::string_view stream_id, int64_t from_version = 1, size_t max_count = SIZE_MAX) = 0;

  // The stream a request_id was appended to and the outcome it had; nullopt when never seen. Lets
  // a handler whose retry was refused ("request_id: already used for stream …") find the first
  // outcome, e.g. the aggregate a first CreateOffre made under an id of its own.
  virtual absl::StatusOr<std::optional<RequestOutcome>> FindRequest(
      absl::string_view request_id) = 0;

  // Version of a stream; 0 when it does not exist.
  virtual absl::StatusOr<int64_t> StreamVersion(absl::string_view stream_id) = 0;

  // Events of all streams in global order, from `from_position` (1-based), at most `max_count`.
  virtual absl::StatusOr<std::vector<v1::EventEnvelope>> ReadAll(uint64_t from_position,
                                                                  size_t max_count) = 0;

  // Position of the last durable event; 0 when the store is empty.
  virtual uint64_t HeadPosition() const = 0;

  // Tailing: waits until HeadPosition() >= position; false on timeout.
  virtual bool WaitForPosition(uint64_t position, absl::Duration timeout) = 0;

  // Small named values kept with the events (relay checkpoints, cluster ids).
  virtual absl::Status PutCheckpoint(absl::string_view name, absl::string_view value) = 0;
  virtual absl::StatusOr<std::optional<std::string>> GetCheckpoint(absl::string_view name) = 0;

  // OK while the store can write; UNAVAILABLE with the reason otherwise.
  virtual absl::Status Health() const = 0;
};

// Checks the arguments of Append; INVALID_ARGUMENT naming the field otherwise.
absl::Status ValidateAppend(absl::string_view stream_id, int64_t expected_version,
                            const std::vector<v1::EventEnvelope>& events,
                            absl::string_view request_id);

// ABORTED with a VersionConflict payload unless `current` satisfies `expected`.
absl::Status CheckExpectedVersion(absl::string_view stream_id, int64_t expected, int64_t current);

// Reads back the current version from an ABORTED status made by CheckExpectedVersion.
std::optional<int64_t> ConflictCurrentVersion(const absl::Status& status);

// Stamps the store-owned fields of `events` for an append after `current_version` at
// `next_position` (and the event ids and times the caller left empty), and returns the outcome
// it represents.
AppendResult StampEnvelopes(absl::string_view stream_id, int64_t current_version,
                            uint64_t next_position, absl::string_view request_id,
                            absl::Time now, IdGenerator& ids,
                            std::vector<v1::EventEnvelope>& events);

}  // namespace ror::eventstore
