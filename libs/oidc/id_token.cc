#include "libs/oidc/id_token.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/jose/jws.h"

namespace ror::oidc {
namespace {

// Refusals go to the logs, in English. Real ID tokens are a few KiB; the limit only stops a
// provider's runaway response from being decoded.
constexpr jose::JwsParseOptions kIdTokenJws{
    .message_prefix = "id_token: ", .language = jose::Language::kEnglish, .max_size = 64 * 1024};

absl::Status Refuse(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("id_token: ", why));
}

std::string Format(absl::Time t) { return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone()); }

// A NumericDate claim (RFC 7519 §2); `required` ones must be present.
absl::StatusOr<std::optional<absl::Time>> TimeClaim(const nlohmann::json& claims, const char* name,
                                                    bool required) {
  const auto it = claims.find(name);
  if (it == claims.end()) {
    if (!required) return std::nullopt;
    return Refuse(absl::StrCat("claim `", name, "` is missing: it is required"));
  }
  if (!it->is_number()) return Refuse(absl::StrCat("claim `", name, "` must be a number of seconds"));
  return absl::FromUnixSeconds(0) + absl::Seconds(it->get<double>());
}

absl::StatusOr<std::string> StringClaim(const nlohmann::json& claims, const std::string& name,
                                        bool required) {
  const auto it = claims.find(name);
  if (it == claims.end()) {
    if (!required) return std::string();
    return Refuse(absl::StrCat("claim `", name, "` is missing: it is required"));
  }
  if (!it->is_string()) return Refuse(absl::StrCat("claim `", name, "` must be a string"));
  return it->get<std::string>();
}

absl::Status CheckHeader(const nlohmann::json& header) {
  const auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) {
    return Refuse("header `alg` is missing: it must name the signature algorithm");
  }
  const std::string name = alg->get<std::string>();
  const std::string allowed = absl::StrJoin(jose::kSupportedAlgs, ", ");
  if (absl::AsciiStrToLower(name) == "none") {
    return Refuse(absl::StrCat("header `alg` is \"", name,
                               "\": unsigned tokens are refused (accepted: ", allowed, ")"));
  }
  if (absl::StartsWith(name, "HS")) {
    return Refuse(absl::StrCat("header `alg` is \"", name,
                               "\": HMAC tokens are refused, only the provider's public keys are "
                               "trusted (accepted: ", allowed, ")"));
  }
  if (!jose::IsSupportedAlg(name)) {
    return Refuse(absl::StrCat("header `alg` is \"", name, "\": not accepted (accepted: ", allowed, ")"));
  }
  if (header.contains("crit")) {
    return Refuse("header `crit` is present: no JWS extension is understood, so none may be critical");
  }
  const auto kid = header.find("kid");
  if (kid != header.end() && !kid->is_string()) return Refuse("header `kid` must be a string");
  return absl::OkStatus();
}

// The key of `keys` the header names: by "kid", or, without one, the only key supporting "alg".
// NOT_FOUND when there is none, so the caller may fetch the keys again.
absl::StatusOr<jose::PublicKey> SelectKey(const std::vector<jose::PublicKey>& keys,
                                          const std::string& kid, const std::string& alg) {
  if (kid.empty()) {
    std::vector<const jose::PublicKey*> candidates;
    for (const auto& key : keys) {
      if (key.Supports(alg)) candidates.push_back(&key);
    }
    if (candidates.size() == 1) return *candidates.front();
    if (candidates.empty()) {
      return absl::NotFoundError(absl::StrCat("no key of the provider's JWKS supports \"", alg, "\""));
    }
    return Refuse(absl::StrCat("header `kid` is missing and several of the provider's keys "
                               "support \"", alg, "\": the key cannot be chosen"));
  }
  for (const auto& key : keys) {
    if (key.kid() == kid) {
      if (!key.Supports(alg)) {
        return Refuse(absl::StrCat("header `alg` \"", alg, "\" is not one the provider's key `kid` \"",
                                   kid, "\" supports"));
      }
      return key;
    }
  }
  return absl::NotFoundError(absl::StrCat("no key of the provider's JWKS has `kid` \"", kid, "\""));
}

bool Contains(const std::vector<std::string>& values, absl::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

IdTokenValidator::IdTokenValidator(IdTokenRules rules, JwksCache& keys, const Clock& clock)
    : rules_(std::move(rules)), keys_(keys), clock_(clock) {}

absl::StatusOr<Identity> IdTokenValidator::Validate(absl::string_view id_token,
                                                    absl::string_view expected_nonce) const {
  auto jws = jose::ParseCompactJws(id_token, kIdTokenJws);
  if (!jws.ok()) return jws.status();
  if (auto s = CheckHeader(jws->header); !s.ok()) return s;
  const std::string alg = jws->header["alg"].get<std::string>();
  const std::string kid = jws->header.value("kid", std::string());  // a string, checked above

  // The key: from the cached JWKS, else from a fresh one (the provider may have rotated keys).
  auto keys = keys_.Keys();
  if (!keys.ok()) return keys.status();
  auto key = SelectKey(**keys, kid, alg);
  if (absl::IsNotFound(key.status())) {
    keys = keys_.Refresh();
    if (!keys.ok()) return keys.status();
    key = SelectKey(**keys, kid, alg);
    if (absl::IsNotFound(key.status())) {
      return Refuse(absl::StrCat("header `kid`: ", key.status().message(),
                                 ", even after fetching the JWKS again"));
    }
  }
  if (!key.ok()) return key.status();
  if (!key->Verify(alg, jws->signing_input, jws->signature)) {
    return Refuse(absl::StrCat("the ", alg, " signature does not verify with the provider's key `kid` \"",
                               key->kid(), "\""));
  }

  // Only signed claims from here on.
  const nlohmann::json& claims = jws->payload;
  auto iss = StringClaim(claims, "iss", true);
  if (!iss.ok()) return iss.status();
  if (*iss != rules_.issuer) {
    return Refuse(absl::StrCat("claim `iss` \"", *iss, "\" is not the provider's issuer \"",
                               rules_.issuer, "\""));
  }

  std::vector<std::string> audiences;
  const auto aud = claims.find("aud");
  if (aud != claims.end() && aud->is_string()) {
    audiences.push_back(aud->get<std::string>());
  } else if (aud != claims.end() && aud->is_array()) {
    for (const auto& a : *aud) {
      if (!a.is_string()) return Refuse("claim `aud` must be a string or an array of strings");
      audiences.push_back(a.get<std::string>());
    }
  } else {
    return Refuse("claim `aud` is missing or not a string or an array of strings: it is required");
  }
  if (!Contains(audiences, rules_.client_id)) {
    return Refuse(absl::StrCat("claim `aud` does not contain this client's id \"", rules_.client_id,
                               "\": the token was issued to another client"));
  }
  auto azp = StringClaim(claims, "azp", false);
  if (!azp.ok()) return azp.status();
  if (audiences.size() > 1 && !claims.contains("azp")) {
    return Refuse("claim `azp` is missing: it is required when `aud` names several audiences");
  }
  if (claims.contains("azp") && *azp != rules_.client_id) {
    return Refuse(absl::StrCat("claim `azp` \"", *azp, "\" is not this client's id \"",
                               rules_.client_id, "\""));
  }

  const absl::Time now = clock_.Now();
  const std::string leeway = absl::FormatDuration(rules_.leeway);
  auto exp = TimeClaim(claims, "exp", true);
  if (!exp.ok()) return exp.status();
  if (now >= **exp + rules_.leeway) {
    return Refuse(absl::StrCat("claim `exp` ", Format(**exp), " is past (now ", Format(now),
                               ", leeway ", leeway, "): the token has expired"));
  }
  auto iat = TimeClaim(claims, "iat", true);
  if (!iat.ok()) return iat.status();
  if (**iat > now + rules_.leeway) {
    return Refuse(absl::StrCat("claim `iat` ", Format(**iat), " is in the future (now ", Format(now),
                               ", leeway ", leeway, "): a token cannot be issued later than now"));
  }
  auto nbf = TimeClaim(claims, "nbf", false);
  if (!nbf.ok()) return nbf.status();
  if (nbf->has_value() && **nbf > now + rules_.leeway) {
    return Refuse(absl::StrCat("claim `nbf` ", Format(**nbf), " is in the future (now ", Format(now),
                               ", leeway ", leeway, "): the token is not valid yet"));
  }

  auto nonce = StringClaim(claims, "nonce", true);
  if (!nonce.ok()) return nonce.status();
  if (expected_nonce.empty() || *nonce != expected_nonce) {
    return Refuse("claim `nonce` is not the nonce of this login: the token belongs to another "
                  "authorization request (or is replayed)");
  }

  auto acr = StringClaim(claims, "acr", !rules_.accepted_acr.empty());
  if (!acr.ok()) return acr.status();
  if (!rules_.accepted_acr.empty() && !Contains(rules_.accepted_acr, *acr)) {
    return Refuse(absl::StrCat("claim `acr` \"", *acr, "\" is not an accepted authentication level (",
                               absl::StrJoin(rules_.accepted_acr, ", "), ")"));
  }

  auto sub = StringClaim(claims, "sub", true);
  if (!sub.ok()) return sub.status();
  if (sub->empty()) return Refuse("claim `sub` is empty: it must identify the user");

  Identity identity;
  identity.subject = *sub;
  identity.acr = *acr;
  auto given_name = StringClaim(claims, "given_name", false);
  if (!given_name.ok()) return given_name.status();
  identity.given_name = *given_name;
  auto family_name = StringClaim(claims, "family_name", false);
  if (!family_name.ok()) return family_name.status();
  identity.family_name = *family_name;
  if (claims.contains(rules_.national_id_claim)) {
    auto national_id = StringClaim(claims, rules_.national_id_claim, true);
    if (!national_id.ok()) return national_id.status();
    identity.national_id = *national_id;
  }
  return identity;
}

}  // namespace ror::oidc
