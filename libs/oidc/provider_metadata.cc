#include "libs/oidc/provider_metadata.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "libs/oidc/url.h"
#include "nlohmann/json.hpp"

namespace ror::oidc {
namespace {

absl::Status Refused(absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat("oidc discovery: ", why));
}

// When the document lists what is supported under `name`, `needed` must be in it. An absent list
// is not a refusal: the defaults include "code" and client_secret_basic, and providers that
// support PKCE do not all advertise it (the token endpoint will refuse if they do not).
absl::Status CheckSupports(const nlohmann::json& doc, const char* name, absl::string_view needed) {
  const auto it = doc.find(name);
  if (it == doc.end()) return absl::OkStatus();
  if (it->is_array() && std::any_of(it->begin(), it->end(), [&](const nlohmann::json& v) {
        return v.is_string() && v.get<std::string>() == needed;
      })) {
    return absl::OkStatus();
  }
  return Refused(absl::StrCat("\"", name, "\" does not include \"", needed, "\""));
}

}  // namespace

absl::StatusOr<ProviderMetadata> FetchProviderMetadata(HttpClient& http, const std::string& issuer,
                                                       absl::Duration timeout) {
  if (!IsSecureUrl(issuer)) {
    return absl::InvalidArgumentError(
        absl::StrCat("oidc: issuer \"", issuer, "\" must be an https URL (http only on loopback)"));
  }
  // §4: an issuer ending in '/' loses it before the well-known path is appended.
  const absl::string_view base = absl::StripSuffix(issuer, "/");
  const std::string url = absl::StrCat(base, "/.well-known/openid-configuration");
  auto response = http.Send({.method = "GET", .url = url, .headers = {{"Accept", "application/json"}},
                             .body = "", .timeout = timeout});
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return absl::UnavailableError(
        absl::StrCat("oidc discovery: GET ", url, " answered HTTP ", response->status));
  }
  const nlohmann::json doc = nlohmann::json::parse(response->body, nullptr, false);
  if (!doc.is_object()) return Refused(absl::StrCat(url, " is not a JSON object"));

  ProviderMetadata metadata;
  auto get = [&](const char* name, std::string& out, bool required) -> absl::Status {
    const auto it = doc.find(name);
    if (it == doc.end() && !required) return absl::OkStatus();
    if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) {
      return Refused(absl::StrCat("\"", name, "\" must be a non-empty string"));
    }
    out = it->get<std::string>();
    if (std::string_view(name) != "issuer" && !IsSecureUrl(out)) {
      return Refused(absl::StrCat("\"", name, "\" must be https (http only on loopback)"));
    }
    return absl::OkStatus();
  };
  for (auto s : {get("issuer", metadata.issuer, true),
                 get("authorization_endpoint", metadata.authorization_endpoint, true),
                 get("token_endpoint", metadata.token_endpoint, true),
                 get("jwks_uri", metadata.jwks_uri, true),
                 get("userinfo_endpoint", metadata.userinfo_endpoint, false)}) {
    if (!s.ok()) return s;
  }
  if (metadata.issuer != issuer) {
    return Refused(absl::StrCat("the document's \"issuer\" \"", metadata.issuer,
                                "\" is not the configured issuer \"", issuer, "\""));
  }
  for (auto s : {CheckSupports(doc, "response_types_supported", "code"),
                 CheckSupports(doc, "code_challenge_methods_supported", "S256"),
                 CheckSupports(doc, "token_endpoint_auth_methods_supported", "client_secret_basic")}) {
    if (!s.ok()) return s;
  }
  return metadata;
}

}  // namespace ror::oidc
