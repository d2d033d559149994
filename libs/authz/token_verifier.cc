#include "libs/authz/token_verifier.h"

#include <shared_mutex>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/authz/access_token.h"
#include "libs/jose/jws.h"
#include "nlohmann/json.hpp"

namespace ror::authz {
namespace {

// An access token is well under 8 KiB; a larger one is refused before any parsing. Its refusals
// reach the person calling, in French.
constexpr jose::JwsParseOptions kAccessTokenJws{
    .message_prefix = "jeton : ", .language = jose::Language::kFrench, .max_size = 8192};

}  // namespace

struct TokenVerifier::Impl {
  Impl(VerifierOptions o, const Clock& c) : options(std::move(o)), clock(c) {}

  const VerifierOptions options;
  const Clock& clock;

  mutable std::shared_mutex mu;
  absl::flat_hash_map<std::string, Es256Key> keys;         // by kid; guarded by mu
  absl::flat_hash_map<std::string, absl::Time> revoked;    // session id -> until; guarded by mu
  mutable absl::flat_hash_map<std::string, Principal> cache;  // token -> its principal; mu

  // The checks that depend on the time or on revocations, made again at every lookup.
  absl::Status CheckLive(const Principal& p, absl::Time not_before, absl::Time now) const {
    if (now > p.expires_at + options.leeway) {
      return absl::UnauthenticatedError("jeton expiré");
    }
    if (now + options.leeway < not_before) {
      return absl::UnauthenticatedError("jeton pas encore valide (nbf)");
    }
    if (!p.session_id.empty()) {
      auto it = revoked.find(p.session_id);
      if (it != revoked.end() && now <= it->second) {
        return absl::UnauthenticatedError("session révoquée");
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<AccessTokenClaims> CheckSigned(absl::string_view token) const {
    auto jws = jose::ParseCompactJws(token, kAccessTokenJws);
    if (!jws.ok()) return jws.status();
    auto alg = jws->header.find("alg");
    if (alg == jws->header.end() || !alg->is_string()) {
      return absl::UnauthenticatedError("jeton : en-tête sans « alg »");
    }
    if (*alg != "ES256") {
      return absl::UnauthenticatedError(
          absl::StrCat("jeton : algorithme « ", alg->get<std::string>(),
                       " » refusé, ES256 attendu"));
    }
    // RFC 7515 §4.1.11: an extension we do not understand must make the token invalid.
    if (jws->header.contains("crit")) {
      return absl::UnauthenticatedError("jeton : en-tête « crit » non pris en charge");
    }
    auto kid = jws->header.find("kid");
    if (kid == jws->header.end() || !kid->is_string()) {
      return absl::UnauthenticatedError("jeton : en-tête sans « kid »");
    }
    auto key = keys.find(kid->get<std::string>());
    if (key == keys.end()) {
      return absl::UnauthenticatedError(
          absl::StrCat("jeton : clé « ", kid->get<std::string>(), " » inconnue"));
    }
    if (!key->second.Verify(jws->signing_input, jws->signature)) {
      return absl::UnauthenticatedError("jeton : signature invalide");
    }
    auto claims = ClaimsFromJson(jws->payload);
    if (!claims.ok()) return claims.status();
    if (claims->issuer != options.issuer) {
      return absl::UnauthenticatedError(
          absl::StrCat("jeton : émetteur « ", claims->issuer, " » inattendu"));
    }
    if (claims->audience != options.audience) {
      return absl::UnauthenticatedError(
          absl::StrCat("jeton : audience « ", claims->audience, " » inattendue"));
    }
    return claims;
  }
};

TokenVerifier::TokenVerifier(VerifierOptions options, const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), clock)) {}

TokenVerifier::~TokenVerifier() = default;

void TokenVerifier::SetKeys(std::vector<Es256Key> keys) {
  absl::flat_hash_map<std::string, Es256Key> next;
  for (Es256Key& key : keys) {
    std::string kid = key.kid();
    next.insert_or_assign(std::move(kid), std::move(key));
  }
  std::unique_lock lock(impl_->mu);
  // A key withdrawn (compromised, or its tokens all expired) must take its cached tokens with it;
  // the same set polled again keeps the cache.
  const bool withdrawn = absl::c_any_of(
      impl_->keys, [&next](const auto& entry) { return !next.contains(entry.first); });
  if (withdrawn) impl_->cache.clear();
  impl_->keys = std::move(next);
}

void TokenVerifier::RevokeSessions(
    const std::vector<std::pair<std::string, absl::Time>>& sessions) {
  const absl::Time now = impl_->clock.Now();
  std::unique_lock lock(impl_->mu);
  for (const auto& [session, until] : sessions) impl_->revoked.insert_or_assign(session, until);
  absl::erase_if(impl_->revoked, [now](const auto& entry) { return entry.second < now; });
}

absl::StatusOr<Principal> TokenVerifier::Verify(absl::string_view token) const {
  const absl::Time now = impl_->clock.Now();
  {
    std::shared_lock lock(impl_->mu);
    auto hit = impl_->cache.find(token);
    if (hit != impl_->cache.end()) {
      // nbf was checked when the token was cached; it only moves further into the past.
      absl::Status live = impl_->CheckLive(hit->second, absl::InfinitePast(), now);
      if (!live.ok()) return live;
      return hit->second;
    }
  }
  absl::StatusOr<AccessTokenClaims> claims;
  {
    std::shared_lock lock(impl_->mu);
    claims = impl_->CheckSigned(token);
    if (!claims.ok()) return claims.status();
    absl::Status live = impl_->CheckLive(claims->principal, claims->not_before, now);
    if (!live.ok()) return live;
  }
  std::unique_lock lock(impl_->mu);
  if (impl_->cache.size() >= impl_->options.cache_entries) {
    // Expired tokens go first; only a cache still full of live ones is emptied.
    const absl::Duration leeway = impl_->options.leeway;
    absl::erase_if(impl_->cache, [now, leeway](const auto& entry) {
      return now > entry.second.expires_at + leeway;
    });
    if (impl_->cache.size() >= impl_->options.cache_entries) impl_->cache.clear();
  }
  impl_->cache.insert_or_assign(std::string(token), claims->principal);
  return claims->principal;
}

}  // namespace ror::authz
