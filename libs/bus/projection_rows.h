#pragma once

// An event's payload and a projection's stored rows read back as messages, with the error a
// projection reports when they do not parse (DATA_LOSS naming the event or the row): the same for
// every projection (the search's read model, the gateway's directory).

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "ror/v1/envelope.pb.h"

namespace ror::bus {

template <typename T>
absl::StatusOr<T> PayloadOf(const v1::EventEnvelope& event) {
  T message;
  if (!message.ParseFromString(event.payload())) {
    return absl::DataLossError(absl::StrCat("event ", event.event_id(), " (", event.event_type(),
                                            "): payload does not parse"));
  }
  return message;
}

// A row as stored (ProjectionDb::Get, ProjectionWrite::Get); `what` names it in the error
// ("search read model: an offre row").
template <typename T>
absl::StatusOr<std::optional<T>> RowOf(absl::StatusOr<std::optional<std::string>> bytes,
                                       absl::string_view what) {
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::optional<T>();
  T row;
  if (!row.ParseFromString(**bytes)) {
    return absl::DataLossError(absl::StrCat(what, " does not parse"));
  }
  return std::optional<T>(std::move(row));
}

// A counter stored as decimal text; 0 when absent.
inline absl::StatusOr<uint64_t> CounterOf(absl::StatusOr<std::optional<std::string>> stored,
                                          absl::string_view what) {
  if (!stored.ok()) return stored.status();
  uint64_t value = 0;
  if (stored->has_value() && !absl::SimpleAtoi(**stored, &value)) {
    return absl::DataLossError(absl::StrCat(what, " does not parse"));
  }
  return value;
}

}  // namespace ror::bus
