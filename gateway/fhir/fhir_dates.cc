#include "gateway/fhir/fhir_dates.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace ror::gateway::fhir {

std::optional<TimeSpan> ParseFhirDate(const std::string& text) {
  absl::Time start;
  std::string error;
  const auto parse = [&](const char* format) {
    return absl::ParseTime(format, text, absl::UTCTimeZone(), &start, &error);
  };
  if (text.size() == 4 && parse("%Y")) {
    const absl::CivilYear year = absl::ToCivilYear(start, absl::UTCTimeZone());
    return TimeSpan{start, absl::FromCivil(year + 1, absl::UTCTimeZone())};
  }
  if (text.size() == 7 && parse("%Y-%m")) {
    const absl::CivilMonth month = absl::ToCivilMonth(start, absl::UTCTimeZone());
    return TimeSpan{start, absl::FromCivil(month + 1, absl::UTCTimeZone())};
  }
  if (text.size() == 10 && parse("%Y-%m-%d")) return TimeSpan{start, start + absl::Hours(24)};
  if (text.size() < 17 || text[10] != 'T') return std::nullopt;
  // A time has a zone (FHIR): minutes, seconds, or fractions of a second.
  for (const auto& [format, span] : {std::pair{"%Y-%m-%dT%H:%M%Ez", absl::Minutes(1)},
                                     std::pair{"%Y-%m-%dT%H:%MZ", absl::Minutes(1)},
                                     std::pair{"%Y-%m-%dT%H:%M:%S%Ez", absl::Seconds(1)},
                                     std::pair{"%Y-%m-%dT%H:%M:%SZ", absl::Seconds(1)}}) {
    if (parse(format)) return TimeSpan{start, start + span};
  }
  // Fractions: the span of the last digit written (".5" a tenth of a second, ".123" a
  // millisecond), never below a microsecond, what the directory keeps.
  const size_t dot = text.find('.', 19);
  const size_t digits =
      dot == std::string::npos ? 0 : text.find_first_not_of("0123456789", dot + 1) - dot - 1;
  absl::Duration span = absl::Seconds(1);
  for (size_t i = 0; i < digits && span > absl::Microseconds(1); ++i) span /= 10;
  for (const char* format : {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M:%E*SZ"}) {
    if (parse(format)) return TimeSpan{start, start + span};
  }
  return std::nullopt;
}

absl::StatusOr<Period> ParseDateParameter(const std::string& value) {
  std::string prefix = "eq";
  std::string date = value;
  if (value.size() > 2 && absl::ascii_isalpha(value[0]) && absl::ascii_isalpha(value[1])) {
    prefix = value.substr(0, 2);
    date = value.substr(2);
  }
  const std::optional<TimeSpan> span = ParseFhirDate(date);
  if (!span.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("« ", date,
                                                   " » : une date FHIR (2026, 2026-12, 2026-12-01, "
                                                   "2026-12-01T10:00:00Z)"));
  }
  if (prefix == "eq") return Period{span->start, span->end};
  if (prefix == "gt" || prefix == "sa") return Period{span->end, std::nullopt};
  if (prefix == "ge") return Period{span->start, std::nullopt};
  if (prefix == "lt" || prefix == "eb") return Period{std::nullopt, span->start};
  if (prefix == "le") return Period{std::nullopt, span->end};
  return absl::InvalidArgumentError(
      absl::StrCat("préfixe « ", prefix, " » : eq, gt, ge, lt, le, sa ou eb"));
}

void Narrow(Period& period, const Period& also) {
  if (also.from.has_value() && (!period.from.has_value() || *also.from > *period.from)) {
    period.from = also.from;
  }
  if (also.until.has_value() && (!period.until.has_value() || *also.until < *period.until)) {
    period.until = also.until;
  }
}

}  // namespace ror::gateway::fhir
