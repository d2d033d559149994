#pragma once

// JSON as text, for the answers the gateway writes by the hundred of kilobytes (a FHIR page of 200
// resources, an export of 500,000). nlohmann's dump() decodes every byte of every string through
// its UTF-8 state machine; here runs of plain ASCII are copied whole, which writes the same text in
// about half the time (5 µs for a HealthcareService of 3.2 KB, bench/README.md §12).
//
// The text is dump()'s compact form, byte for byte, for valid UTF-8: same key order, same escapes
// (", \, and the control characters), non-ASCII written as it is. (A discarded value, which
// dump() writes as « <discarded> », is written null: JSON either way.) A byte that does not begin a
// valid UTF-8 sequence becomes U+FFFD, as dump() with error_handler_t::replace does, so text from
// a request can never make an answer fail.

#include <string>

#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace ror::gateway::http {

// Appends `value` as compact JSON to `out`.
void AppendJson(const nlohmann::json& value, std::string& out);

// Appends `text` as a JSON string, quotes included.
void AppendJsonString(absl::string_view text, std::string& out);

// `value` as compact JSON.
std::string JsonText(const nlohmann::json& value);

}  // namespace ror::gateway::http
