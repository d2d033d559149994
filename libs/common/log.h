#pragma once

// Logging facade: one JSON object per line on stderr, with the service name on every line.
//   log::Info("relay connected", {{"cluster_id", id}});
//   log::Warn("append failed", {{"trace_id", t}, {"event_id", e}, {"error", s.ToString()}});
// Field values are strings; never log passwords, tokens or a contact's personal data.

#include <initializer_list>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace ror::log {

struct Field {
  absl::string_view key;
  absl::string_view value;
};

enum class Level { kDebug, kInfo, kWarn, kError };

// Sets the service name and the minimum level ("debug", "info", "warn", "error").
void Init(absl::string_view service, absl::string_view level = "info");

// Init with a level given by flag: false, after saying why on stderr ("<binary>: --log_level …"),
// when it is not one of the four.
bool InitFromFlag(absl::string_view binary, absl::string_view service, absl::string_view level);

void Write(Level level, absl::string_view message, std::initializer_list<Field> fields);

inline void Debug(absl::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kDebug, m, f);
}
inline void Info(absl::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kInfo, m, f);
}
inline void Warn(absl::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kWarn, m, f);
}
inline void Error(absl::string_view m, std::initializer_list<Field> f = {}) {
  Write(Level::kError, m, f);
}

// Appends `s` to `out` escaped for a JSON string (without the quotes).
void AppendJsonEscaped(std::string& out, absl::string_view s);

}  // namespace ror::log
