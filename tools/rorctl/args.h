#pragma once

#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace ror::rorctl {

// The options of one subcommand: "--name value" or "--name=value". Errors are in French: the
// person at the terminal reads them.
class Args {
 public:
  // Parses argv[first..argc); INVALID_ARGUMENT for a stray word or an option without value.
  static absl::StatusOr<Args> Parse(int argc, char** argv, int first);

  // INVALID_ARGUMENT naming the first option that is not in `known`.
  absl::Status CheckKnown(const std::set<std::string>& known) const;

  absl::StatusOr<std::string> Required(absl::string_view name) const;
  std::string Get(absl::string_view name, absl::string_view fallback = "") const;
  // "20s", "1m30s", "500ms" (absl duration syntax); a bare number means seconds.
  absl::StatusOr<absl::Duration> Duration(absl::string_view name, absl::Duration fallback) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace ror::rorctl
