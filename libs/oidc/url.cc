#include "libs/oidc/url.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::oidc {

std::string PercentEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    absl::StrAppend(&out, PercentEncode(name), "=", PercentEncode(value));
  }
  return out;
}

std::string WithQuery(absl::string_view url,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
  const char separator = absl::StrContains(url, '?') ? '&' : '?';
  return absl::StrCat(url, absl::string_view(&separator, 1), FormEncode(fields));
}

bool IsSecureUrl(absl::string_view url) {
  if (absl::StartsWith(url, "https://")) return url.size() > 8;
  if (!absl::ConsumePrefix(&url, "http://")) return false;
  const size_t end = url.find_first_of("/?#");
  absl::string_view authority = url.substr(0, end);
  if (absl::StrContains(authority, '@')) return false;  // "http://127.0.0.1@evil" is not loopback
  for (absl::string_view host : {"127.0.0.1", "[::1]", "localhost"}) {
    if (authority == host || absl::StartsWith(authority, absl::StrCat(host, ":"))) return true;
  }
  return false;
}

}  // namespace ror::oidc
