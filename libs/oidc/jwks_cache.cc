#include "libs/oidc/jwks_cache.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace ror::oidc {

JwksCache::JwksCache(HttpClient& http, std::string jwks_uri, absl::Duration timeout)
    : http_(http), jwks_uri_(std::move(jwks_uri)), timeout_(timeout) {}

absl::StatusOr<KeySet> JwksCache::Keys() {
  {
    absl::MutexLock lock(&mu_);
    if (keys_ != nullptr) return keys_;
  }
  return Refresh();
}

absl::StatusOr<KeySet> JwksCache::Refresh() {
  {
    absl::MutexLock lock(&mu_);
    ++fetches_;
  }
  // Fetched outside the lock: verifications with the current keys go on meanwhile.
  auto response = http_.Send({.method = "GET", .url = jwks_uri_,
                              .headers = {{"Accept", "application/json"}}, .body = "",
                              .timeout = timeout_});
  if (!response.ok()) return response.status();
  if (response->status != 200) {
    return absl::UnavailableError(
        absl::StrCat("oidc: GET ", jwks_uri_, " (JWKS) answered HTTP ", response->status));
  }
  const nlohmann::json doc = nlohmann::json::parse(response->body, nullptr, false);
  auto keys = jose::ParseJwks(doc);
  if (!keys.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("oidc: the provider's JWKS is unusable: ", keys.status().message()));
  }
  auto set = std::make_shared<const std::vector<jose::PublicKey>>(*std::move(keys));
  absl::MutexLock lock(&mu_);
  keys_ = set;
  return set;
}

int JwksCache::fetches() const {
  absl::MutexLock lock(&mu_);
  return fetches_;
}

}  // namespace ror::oidc
