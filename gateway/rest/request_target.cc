#include "gateway/rest/request_target.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "libs/common/field_violations.h"

namespace ror::gateway::rest {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> Decode(absl::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::Status Malformed(absl::string_view part) {
  FieldViolations violations;
  violations.Add(part, "format", "séquence d'échappement % invalide");
  return violations.ToStatus();
}

}  // namespace

absl::StatusOr<Target> ParseTarget(absl::string_view target) {
  const size_t question = target.find('?');
  Target out;
  out.path = std::string(target.substr(0, question));
  if (question == absl::string_view::npos) return out;
  for (absl::string_view pair :
       absl::StrSplit(target.substr(question + 1), '&', absl::SkipEmpty())) {
    const size_t equals = pair.find('=');
    std::optional<std::string> name = Decode(pair.substr(0, equals), true);
    if (!name.has_value()) return Malformed(pair.substr(0, equals));
    std::optional<std::string> value =
        equals == absl::string_view::npos ? std::string() : Decode(pair.substr(equals + 1), true);
    if (!value.has_value()) return Malformed(*name);
    out.query.emplace_back(*std::move(name), *std::move(value));
  }
  return out;
}

std::optional<Params> MatchPath(absl::string_view pattern, absl::string_view path) {
  const std::vector<absl::string_view> want = absl::StrSplit(pattern, '/');
  const std::vector<absl::string_view> got = absl::StrSplit(path, '/');
  if (want.size() != got.size()) return std::nullopt;
  Params params;
  for (size_t i = 0; i < want.size(); ++i) {
    if (absl::StartsWith(want[i], "{") && absl::EndsWith(want[i], "}")) {
      std::optional<std::string> value = Decode(got[i], false);
      if (got[i].empty() || !value.has_value()) return std::nullopt;
      params.emplace_back(std::string(want[i].substr(1, want[i].size() - 2)), *std::move(value));
    } else if (want[i] != got[i]) {
      return std::nullopt;
    }
  }
  return params;
}

std::vector<std::string> PathFields(absl::string_view pattern) {
  std::vector<std::string> fields;
  for (absl::string_view segment : absl::StrSplit(pattern, '/')) {
    if (absl::StartsWith(segment, "{") && absl::EndsWith(segment, "}")) {
      fields.emplace_back(segment.substr(1, segment.size() - 2));
    }
  }
  return fields;
}

std::string QueryEscaped(absl::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      absl::StrAppendFormat(&out, "%%%02X", c);
    }
  }
  return out;
}

}  // namespace ror::gateway::rest
