#pragma once

// FHIR dates as search parameters read them: a value stands for the whole span of its precision
// ("2026" is the year, "2026-12-01" the day, "2026-12-01T10:00:00Z" that second), and a prefix
// compares the resource's instant with that span (FHIR R4 §3.1.1.4.2, for an instant).

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace ror::gateway::fhir {

// [start, end)
struct TimeSpan {
  absl::Time start;
  absl::Time end;
};

// YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]] with Z or ±hh:mm; nullopt otherwise.
std::optional<TimeSpan> ParseFhirDate(const std::string& text);

// The instants a date parameter with its prefix keeps, as [from, until) with open bounds: eq
// (the default), gt, ge, lt, le, sa, eb. INVALID_ARGUMENT saying what is wrong for another
// prefix (ne, ap) or a date that does not parse.
struct Period {
  std::optional<absl::Time> from;
  std::optional<absl::Time> until;
};
absl::StatusOr<Period> ParseDateParameter(const std::string& value);
// Narrows `period` to what `also` keeps too (two parameters add up).
void Narrow(Period& period, const Period& also);

}  // namespace ror::gateway::fhir
