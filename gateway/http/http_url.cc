#include "gateway/http/http_url.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ror::gateway::http {

absl::StatusOr<HttpUrl> ParseHttpUrl(const std::string& url) {
  HttpUrl parsed;
  absl::string_view rest = url;
  if (absl::ConsumePrefix(&rest, "https://")) {
    parsed.tls = true;
  } else if (!absl::ConsumePrefix(&rest, "http://")) {
    return absl::InvalidArgumentError("l'adresse commence par http:// ou https://");
  }
  rest = rest.substr(0, rest.find('#'));  // a fragment is the client's, never sent
  const size_t slash = rest.find_first_of("/?");
  absl::string_view authority = rest.substr(0, slash);
  parsed.target = slash == absl::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (parsed.target[0] == '?') parsed.target.insert(0, "/");
  if (absl::StrContains(authority, '@')) {
    return absl::InvalidArgumentError("l'adresse ne porte pas d'identifiants (user@)");
  }
  absl::string_view host = authority;
  absl::string_view port;
  if (absl::StartsWith(authority, "[")) {  // an IPv6 address
    const size_t close = authority.find(']');
    if (close == absl::string_view::npos) {
      return absl::InvalidArgumentError("l'adresse IPv6 se ferme par ]");
    }
    host = authority.substr(1, close - 1);
    absl::string_view after = authority.substr(close + 1);
    if (!after.empty() && !absl::ConsumePrefix(&after, ":")) {
      return absl::InvalidArgumentError("après l'adresse IPv6 vient :port");
    }
    port = after;
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return absl::ascii_isxdigit(c) || c == ':' || c == '.';
        })) {
      return absl::InvalidArgumentError(
          "l'adresse IPv6 est faite de chiffres hexadécimaux et de :");
    }
  } else {
    const size_t colon = authority.find(':');
    if (colon != absl::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
    // A name or an IPv4 address: nothing that could end the request line or add a header.
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return absl::ascii_isalnum(c) || c == '.' || c == '-';
        })) {
      return absl::InvalidArgumentError(
          "l'hôte de l'adresse est un nom (lettres, chiffres, . et -) ou une adresse IP");
    }
  }
  parsed.port = parsed.tls ? "443" : "80";
  if (!port.empty() || absl::EndsWith(authority, ":")) {
    int number = 0;
    if (!absl::SimpleAtoi(port, &number) || number <= 0 || number > 65535) {
      return absl::InvalidArgumentError("le port de l'adresse est entre 1 et 65535");
    }
    parsed.port = absl::StrCat(number);
  }
  for (char c : parsed.target) {
    if (c <= 0x20 || c >= 0x7f) {
      return absl::InvalidArgumentError("le chemin de l'adresse est en ASCII, sans espace");
    }
  }
  parsed.host = std::string(host);
  return parsed;
}

}  // namespace ror::gateway::http
