#include "libs/server/instrumented_event_store.h"

#include <chrono>
#include <utility>

namespace ror::server {

absl::StatusOr<eventstore::AppendResult> InstrumentedEventStore::Append(
    absl::string_view stream_id, int64_t expected_version, std::vector<v1::EventEnvelope> events,
    absl::string_view request_id) {
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<eventstore::AppendResult> result =
      inner().Append(stream_id, expected_version, std::move(events), request_id);
  metrics_.ObserveAppend(
      result.status().code(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return result;
}

}  // namespace ror::server
