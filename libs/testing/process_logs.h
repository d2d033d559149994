#pragma once

// Reading what a process run by a test wrote: its files and its JSON-lines log (libs/common/log.h,
// one object a line with its "msg").

#include <cstddef>
#include <filesystem>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ror::testing {

// The whole content of `path`; empty when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// The end of a log file (its last `bytes`), to explain a failure.
std::string Tail(const std::filesystem::path& path, size_t bytes = 3000);

// Waits until the JSON-lines log at `path` has a line whose msg is `message` with the string
// field `field`, and returns that field's value; empty on timeout.
std::string AwaitLogField(const std::filesystem::path& path, absl::string_view message,
                          absl::string_view field, absl::Duration timeout);

}  // namespace ror::testing
