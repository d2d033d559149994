#pragma once

// The CloudEvents Kafka binary binding of our events (DESIGN §2): the payload is the record
// value, the envelope travels in headers.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ror/v1/envelope.pb.h"

namespace ror::bus {

using Headers = std::vector<std::pair<std::string, std::string>>;

// "offre" for "offre-0190…".
absl::string_view StreamCategory(absl::string_view stream_id);

// "ror.offre.events.v1" for a stream of category "offre".
std::string TopicForStream(absl::string_view stream_id);

// Headers for one event published by `service` (ce_source "/ror/<service>").
Headers ToCloudEventHeaders(const v1::EventEnvelope& event, absl::string_view service);

// One Kafka record as the relay produces it.
struct OutgoingRecord {
  std::string topic;
  std::string key;
  Headers headers;
  std::string value;
  bool tombstone = false;  // a null value: consumers of a compacted topic forget the key
};

// The record of the full topic: ror.<category>.events.v1, key = stream id, CloudEvents headers,
// value = the event payload.
OutgoingRecord EventRecord(const v1::EventEnvelope& event, absl::string_view service);

// Rebuilds the envelope (without global_position, which is the producer's business) from a
// record's headers and value. INVALID_ARGUMENT naming the header when one is missing or bad.
absl::StatusOr<v1::EventEnvelope> FromCloudEvent(const Headers& headers, absl::string_view value);

}  // namespace ror::bus
