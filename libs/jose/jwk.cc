#include "libs/jose/jwk.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/jose/base64url.h"
#include "libs/jose/ecdsa_signature.h"

namespace ror::jose {
namespace {

constexpr int kMinRsaBits = 2048;
constexpr size_t kP256CoordinateBytes = 32;

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* bld) const { OSSL_PARAM_BLD_free(bld); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// A string member, or "" when absent or not a string (nlohmann's value() would throw).
std::string StringMember(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

absl::StatusOr<std::string> BytesMember(const nlohmann::json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return absl::InvalidArgumentError(absl::StrCat("JWK: member \"", name, "\" must be a string"));
  }
  const std::optional<std::string> bytes = Base64UrlDecode(it->get<std::string>());
  if (!bytes || bytes->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("JWK: member \"", name, "\" must be non-empty base64url"));
  }
  return *bytes;
}

// Builds a public EVP_PKEY of `type_name` ("RSA", "EC") from `bld`'s parameters.
absl::StatusOr<std::shared_ptr<EVP_PKEY>> FromParams(const char* type_name, OSSL_PARAM_BLD* bld) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(bld));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, type_name, nullptr));
  EVP_PKEY* key = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("JWK: not a valid ", type_name, " public key"));
  }
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> RsaFromJwk(const nlohmann::json& jwk) {
  auto n = BytesMember(jwk, "n");
  if (!n.ok()) return n.status();
  auto e = BytesMember(jwk, "e");
  if (!e.ok()) return e.status();
  std::unique_ptr<BIGNUM, BnFree> bn_n(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), n->size(), nullptr));
  std::unique_ptr<BIGNUM, BnFree> bn_e(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), e->size(), nullptr));
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (bn_n == nullptr || bn_e == nullptr || bld == nullptr ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    return absl::InternalError("JWK: out of memory building an RSA key");
  }
  return FromParams("RSA", bld.get());
}

absl::StatusOr<std::shared_ptr<EVP_PKEY>> EcP256FromJwk(const nlohmann::json& jwk) {
  auto x = BytesMember(jwk, "x");
  if (!x.ok()) return x.status();
  auto y = BytesMember(jwk, "y");
  if (!y.ok()) return y.status();
  if (x->size() != kP256CoordinateBytes || y->size() != kP256CoordinateBytes) {
    return absl::InvalidArgumentError("JWK: P-256 coordinates \"x\" and \"y\" must be 32 bytes");
  }
  const std::string point = absl::StrCat("\x04", *x, *y);  // uncompressed SEC1 point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld(OSSL_PARAM_BLD_new());
  if (bld == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return absl::InternalError("JWK: out of memory building an EC key");
  }
  return FromParams("EC", bld.get());
}

bool IsP256(EVP_PKEY* key) {
  char group[64] = {};
  size_t length = 0;
  return EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                        &length) == 1 &&
         absl::string_view(group, length) == "prime256v1";
}

}  // namespace

bool IsSupportedAlg(absl::string_view alg) {
  return std::find(std::begin(kSupportedAlgs), std::end(kSupportedAlgs), alg) !=
         std::end(kSupportedAlgs);
}

PublicKey::PublicKey(std::string kid, std::string alg, Type type, std::shared_ptr<EVP_PKEY> key)
    : kid_(std::move(kid)), alg_(std::move(alg)), type_(type), key_(std::move(key)) {}

// Every key, from a JWK or from OpenSSL, passes here: the rules are the same for both.
absl::StatusOr<PublicKey> PublicKey::Checked(std::string kid, std::string alg,
                                             std::shared_ptr<EVP_PKEY> key) {
  if (key == nullptr) return absl::InvalidArgumentError("JWK: no key");
  if (EVP_PKEY_is_a(key.get(), "RSA")) {
    if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits) {
      return absl::InvalidArgumentError(
          absl::StrCat("JWK: RSA keys must have at least ", kMinRsaBits, " bits"));
    }
    return PublicKey(std::move(kid), std::move(alg), Type::kRsa, std::move(key));
  }
  if (EVP_PKEY_is_a(key.get(), "EC")) {
    if (!IsP256(key.get())) {
      return absl::InvalidArgumentError("JWK: only the EC curve \"P-256\" is supported");
    }
    // A point off the curve would make verification meaningless (invalid-curve attacks). OpenSSL
    // checks it when importing a point, but a key may come from elsewhere: checked here for all.
    std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> check(
        EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (check == nullptr || EVP_PKEY_public_check(check.get()) != 1) {
      return absl::InvalidArgumentError("JWK: the point is not on the curve P-256");
    }
    return PublicKey(std::move(kid), std::move(alg), Type::kEcP256, std::move(key));
  }
  return absl::InvalidArgumentError("JWK: \"kty\" must be \"RSA\" or \"EC\"");
}

absl::StatusOr<PublicKey> PublicKey::FromJwk(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return absl::InvalidArgumentError("JWK: must be a JSON object");
  const std::string kty = StringMember(jwk, "kty");
  if (const std::string use = StringMember(jwk, "use"); !use.empty() && use != "sig") {
    return absl::InvalidArgumentError("JWK: \"use\" must be \"sig\" for a signing key");
  }
  absl::StatusOr<std::shared_ptr<EVP_PKEY>> key;
  if (kty == "RSA") {
    key = RsaFromJwk(jwk);
  } else if (kty == "EC") {
    if (StringMember(jwk, "crv") != "P-256") {
      return absl::InvalidArgumentError("JWK: only the EC curve \"P-256\" is supported");
    }
    key = EcP256FromJwk(jwk);
  } else {
    return absl::InvalidArgumentError("JWK: \"kty\" must be \"RSA\" or \"EC\"");
  }
  if (!key.ok()) return key.status();
  return Checked(StringMember(jwk, "kid"), StringMember(jwk, "alg"), *std::move(key));
}

absl::StatusOr<PublicKey> PublicKey::FromOpenSsl(std::string kid, std::shared_ptr<EVP_PKEY> key) {
  return Checked(std::move(kid), "", std::move(key));
}

bool PublicKey::Supports(absl::string_view alg) const {
  if (!IsSupportedAlg(alg)) return false;
  if (!alg_.empty() && alg_ != alg) return false;
  switch (type_) {
    case Type::kRsa:
      return alg == "RS256" || alg == "PS256";
    case Type::kEcP256:
      return alg == "ES256";
  }
  return false;
}

bool PublicKey::Verify(absl::string_view alg, absl::string_view input,
                       absl::string_view signature) const {
  if (!Supports(alg)) return false;
  std::optional<std::string> der;
  if (type_ == Type::kEcP256) {
    der = Es256RawToDer(signature);
    if (!der) return false;
    signature = *der;
  }
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by `md`
  if (md == nullptr ||
      EVP_DigestVerifyInit(md.get(), &pctx, EVP_sha256(), nullptr, key_.get()) != 1) {
    return false;
  }
  if (alg == "PS256") {
    // RFC 7518 §3.5: MGF1 with SHA-256 and a salt as long as the hash.
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1) {
      return false;
    }
  } else if (alg == "RS256") {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) return false;
  }
  return EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

absl::StatusOr<std::vector<PublicKey>> ParseJwks(const nlohmann::json& jwks) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    return absl::InvalidArgumentError("JWKS: must be an object with a \"keys\" array");
  }
  std::vector<PublicKey> keys;
  for (const nlohmann::json& jwk : jwks["keys"]) {
    if (!jwk.is_object()) return absl::InvalidArgumentError("JWKS: each key must be an object");
    const std::string kty = StringMember(jwk, "kty");
    const std::string use = StringMember(jwk, "use");
    const std::string crv = StringMember(jwk, "crv");
    const bool ours = (kty == "RSA" || (kty == "EC" && crv == "P-256")) && use != "enc";
    if (!ours) continue;
    auto key = PublicKey::FromJwk(jwk);
    if (!key.ok()) return key.status();
    keys.push_back(*std::move(key));
  }
  return keys;
}

}  // namespace ror::jose
