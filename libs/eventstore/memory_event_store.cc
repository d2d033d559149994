#include "absl/strings/string_view.h"
#include "libs/eventstore/memory_event_store.h"

#include "absl/strings/str_cat.h"
#include "libs/common/status_macros.h"

namespace ror::eventstore {

MemoryEventStore::MemoryEventStore(const Clock& clock, std::shared_ptr<Data> data)
    : clock_(clock), ids_(clock), data_(data ? std::move(data) : std::make_shared<Data>()) {}

MemoryEventStore::~MemoryEventStore() = default;

absl::StatusOr<AppendResult> MemoryEventStore::Append(absl::string_view stream_id,
                                                      int64_t expected_version,
                                                      std::vector<v1::EventEnvelope> events,
                                                      absl::string_view request_id) {
  RETURN_IF_ERROR(ValidateAppend(stream_id, expected_version, events, request_id));
  RETURN_IF_ERROR(Health());
  std::lock_guard lock(data_->mu);
  if (auto it = data_->dedup.find(request_id); it != data_->dedup.end()) {
    if (it->second.stream_id != stream_id) {
      return absl::InvalidArgumentError(absl::StrCat(
          "request_id: already used for stream ", it->second.stream_id));
    }
    AppendResult first = it->second.result;
    first.deduplicated = true;
    return first;
  }
  auto stream = data_->streams.find(stream_id);
  const int64_t current =
      stream == data_->streams.end() ? 0 : static_cast<int64_t>(stream->second.size());
  RETURN_IF_ERROR(CheckExpectedVersion(stream_id, expected_version, current));
  AppendResult result = StampEnvelopes(stream_id, current, data_->log.size() + 1, request_id,
                                       clock_.Now(), ids_, events);
  auto& positions = data_->streams[std::string(stream_id)];
  for (auto& e : events) {
    positions.push_back(e.global_position());
    data_->log.push_back(std::move(e));
  }
  data_->dedup.emplace(std::string(request_id), Data::Dedup{std::string(stream_id), result});
  data_->appended.notify_all();
  return result;
}

absl::StatusOr<std::vector<v1::EventEnvelope>> MemoryEventStore::ReadStream(
    absl::string_view stream_id, int64_t from_version, size_t max_count) {
  std::lock_guard lock(data_->mu);
  auto stream = data_->streams.find(stream_id);
  if (stream == data_->streams.end()) {
    return absl::NotFoundError(absl::StrCat("stream ", stream_id, ": not found"));
  }
  std::vector<v1::EventEnvelope> out;
  const auto& positions = stream->second;
  for (size_t i = std::max<int64_t>(from_version, 1) - 1;
       i < positions.size() && out.size() < max_count; ++i) {
    out.push_back(data_->log[positions[i] - 1]);
  }
  return out;
}

absl::StatusOr<std::optional<RequestOutcome>> MemoryEventStore::FindRequest(
    absl::string_view request_id) {
  std::lock_guard lock(data_->mu);
  auto it = data_->dedup.find(request_id);
  if (it == data_->dedup.end()) return std::optional<RequestOutcome>();
  return std::optional<RequestOutcome>(RequestOutcome{it->second.stream_id, it->second.result});
}

absl::StatusOr<int64_t> MemoryEventStore::StreamVersion(absl::string_view stream_id) {
  std::lock_guard lock(data_->mu);
  auto stream = data_->streams.find(stream_id);
  return stream == data_->streams.end() ? 0 : static_cast<int64_t>(stream->second.size());
}

absl::StatusOr<std::vector<v1::EventEnvelope>> MemoryEventStore::ReadAll(uint64_t from_position,
                                                                          size_t max_count) {
  std::lock_guard lock(data_->mu);
  std::vector<v1::EventEnvelope> out;
  for (uint64_t p = std::max<uint64_t>(from_position, 1);
       p <= data_->log.size() && out.size() < max_count; ++p) {
    out.push_back(data_->log[p - 1]);
  }
  return out;
}

uint64_t MemoryEventStore::HeadPosition() const {
  std::lock_guard lock(data_->mu);
  return data_->log.size();
}

bool MemoryEventStore::WaitForPosition(uint64_t position, absl::Duration timeout) {
  std::unique_lock lock(data_->mu);
  return data_->appended.wait_for(lock, absl::ToChronoNanoseconds(timeout),
                                  [&] { return data_->log.size() >= position; });
}

absl::Status MemoryEventStore::PutCheckpoint(absl::string_view name, absl::string_view value) {
  RETURN_IF_ERROR(Health());
  std::lock_guard lock(data_->mu);
  data_->checkpoints[std::string(name)] = std::string(value);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> MemoryEventStore::GetCheckpoint(
    absl::string_view name) {
  std::lock_guard lock(data_->mu);
  auto it = data_->checkpoints.find(name);
  if (it == data_->checkpoints.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

absl::Status MemoryEventStore::Health() const {
  std::lock_guard lock(failure_mu_);
  return failure_;
}

void MemoryEventStore::FailWrites(absl::Status status) {
  std::lock_guard lock(failure_mu_);
  failure_ = std::move(status);
}

}  // namespace ror::eventstore
