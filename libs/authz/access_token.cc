#include "libs/authz/access_token.h"

#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/jose/base64url.h"
#include "libs/jose/jws.h"
#include "nlohmann/json.hpp"

namespace ror::authz {
namespace {

int64_t Seconds(absl::Time t) { return absl::ToUnixSeconds(t); }

absl::Status Missing(absl::string_view claim, absl::string_view expected) {
  return absl::UnauthenticatedError(
      absl::StrCat("jeton : la revendication « ", claim, " » doit être ", expected));
}

absl::StatusOr<std::string> Text(const nlohmann::json& json, const char* claim, bool required) {
  auto it = json.find(claim);
  if (it == json.end() && !required) return std::string();
  if (it == json.end() || !it->is_string()) return Missing(claim, "une chaîne");
  return it->get<std::string>();
}

absl::StatusOr<absl::Time> Time(const nlohmann::json& json, const char* claim) {
  auto it = json.find(claim);
  if (it == json.end() || !it->is_number_integer()) return Missing(claim, "un entier (secondes)");
  return absl::FromUnixSeconds(it->get<int64_t>());
}

absl::StatusOr<std::vector<std::string>> TextList(const nlohmann::json& grant, const char* name) {
  std::vector<std::string> out;
  auto it = grant.find(name);
  if (it == grant.end()) return out;
  if (!it->is_array()) return Missing(absl::StrCat("ror_grants.", name), "une liste");
  for (const nlohmann::json& item : *it) {
    if (!item.is_string()) return Missing(absl::StrCat("ror_grants.", name), "une liste de chaînes");
    out.push_back(item.get<std::string>());
  }
  return out;
}

nlohmann::json GrantToJson(const Grant& grant) {
  nlohmann::json json = {{"role", RoleName(grant.role)}};
  if (!grant.region.empty()) json["region"] = grant.region;
  if (!grant.finess_ej.empty()) json["ej"] = grant.finess_ej;
  if (!grant.finess_eg.empty()) json["eg"] = grant.finess_eg;
  return json;
}

absl::StatusOr<Grant> GrantFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Missing("ror_grants", "une liste d'objets");
  Grant grant;
  auto role = Text(json, "role", true);
  if (!role.ok()) return role.status();
  std::optional<Role> parsed = RoleFromName(*role);
  if (!parsed.has_value()) {
    return absl::UnauthenticatedError(
        absl::StrCat("jeton : ror_grants.role : rôle inconnu « ", *role, " »"));
  }
  grant.role = *parsed;
  auto region = Text(json, "region", false);
  if (!region.ok()) return region.status();
  grant.region = *std::move(region);
  auto ej = TextList(json, "ej");
  if (!ej.ok()) return ej.status();
  grant.finess_ej = *std::move(ej);
  auto eg = TextList(json, "eg");
  if (!eg.ok()) return eg.status();
  grant.finess_eg = *std::move(eg);
  return grant;
}

}  // namespace

nlohmann::json ClaimsToJson(const AccessTokenClaims& claims) {
  const Principal& p = claims.principal;
  nlohmann::json grants = nlohmann::json::array();
  for (const Grant& grant : p.grants) grants.push_back(GrantToJson(grant));
  nlohmann::json json = {
      {"iss", claims.issuer},
      {"aud", claims.audience},
      {"sub", p.subject},
      {"jti", claims.token_id},
      {"iat", Seconds(claims.issued_at)},
      {"nbf", Seconds(claims.not_before)},
      {"exp", Seconds(claims.expires_at)},
      {"name", p.display_name},
      {"ror_kind", p.kind == PrincipalKind::kApiClient ? "api_client" : "user"},
      {"ror_profile", p.access_profile},
      {"ror_grants", std::move(grants)},
  };
  if (!p.session_id.empty()) json["sid"] = p.session_id;
  return json;
}

absl::StatusOr<AccessTokenClaims> ClaimsFromJson(const nlohmann::json& json) {
  AccessTokenClaims claims;
  Principal& p = claims.principal;
  auto iss = Text(json, "iss", true);
  if (!iss.ok()) return iss.status();
  claims.issuer = *std::move(iss);
  // aud may be one string or a list (RFC 7519 §4.1.3); the verifier wants ours in it.
  auto aud = json.find("aud");
  if (aud != json.end() && aud->is_string()) {
    claims.audience = aud->get<std::string>();
  } else if (aud != json.end() && aud->is_array() && aud->size() == 1 &&
             aud->front().is_string()) {
    claims.audience = aud->front().get<std::string>();
  } else {
    return Missing("aud", "une audience");
  }
  auto sub = Text(json, "sub", true);
  if (!sub.ok()) return sub.status();
  if (sub->empty()) return Missing("sub", "non vide");
  p.subject = *std::move(sub);
  auto jti = Text(json, "jti", false);
  if (!jti.ok()) return jti.status();
  claims.token_id = *std::move(jti);
  auto sid = Text(json, "sid", false);
  if (!sid.ok()) return sid.status();
  p.session_id = *std::move(sid);
  auto name = Text(json, "name", false);
  if (!name.ok()) return name.status();
  p.display_name = *std::move(name);
  for (auto [claim, target] : {std::pair{"iat", &claims.issued_at},
                               std::pair{"nbf", &claims.not_before},
                               std::pair{"exp", &claims.expires_at}}) {
    auto t = Time(json, claim);
    if (!t.ok()) return t.status();
    *target = *t;
  }
  p.expires_at = claims.expires_at;
  auto kind = Text(json, "ror_kind", true);
  if (!kind.ok()) return kind.status();
  if (*kind == "user") {
    p.kind = PrincipalKind::kUser;
  } else if (*kind == "api_client") {
    p.kind = PrincipalKind::kApiClient;
  } else {
    return Missing("ror_kind", "« user » ou « api_client »");
  }
  auto profile = json.find("ror_profile");
  // Read as 64 bits: a larger value must not wrap into 0–5.
  if (profile == json.end() || !profile->is_number_integer() || profile->get<int64_t>() < 0 ||
      profile->get<int64_t>() > 5) {
    return Missing("ror_profile", "un profil d'accès de 0 à 5");
  }
  p.access_profile = static_cast<int>(profile->get<int64_t>());
  auto grants = json.find("ror_grants");
  if (grants != json.end()) {
    if (!grants->is_array()) return Missing("ror_grants", "une liste");
    for (const nlohmann::json& item : *grants) {
      auto grant = GrantFromJson(item);
      if (!grant.ok()) return grant.status();
      p.grants.push_back(*std::move(grant));
    }
  }
  return claims;
}

absl::StatusOr<std::string> IssueAccessToken(const AccessTokenClaims& claims, const Es256Key& key) {
  const nlohmann::json header = {{"alg", "ES256"}, {"typ", "at+jwt"}, {"kid", key.kid()}};
  std::string input = jose::SigningInput(header, ClaimsToJson(claims));
  auto signature = key.Sign(input);
  if (!signature.ok()) return signature.status();
  return absl::StrCat(input, ".", jose::Base64UrlEncode(*signature));
}

}  // namespace ror::authz
