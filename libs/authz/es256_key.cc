#include "libs/authz/es256_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/authz/base64url.h"
#include "nlohmann/json.hpp"

namespace ror::authz {
namespace {

constexpr size_t kCoordinate = 32;  // P-256 field elements and ECDSA r, s

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using EcdsaSig = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) { return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free); }

bool IsP256(EVP_PKEY* key) {
  char group[64] = {};
  size_t length = 0;
  return EVP_PKEY_is_a(key, "EC") &&
         EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                        &length) == 1 &&
         std::string(group, length) == "prime256v1";
}

std::string Coordinate(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) return "";
  Bignum bn(raw);
  std::string out(kCoordinate, '\0');
  if (BN_bn2binpad(bn.get(), reinterpret_cast<unsigned char*>(out.data()), kCoordinate) !=
      static_cast<int>(kCoordinate)) {
    return "";
  }
  return out;
}

}  // namespace

Es256Key::Es256Key(std::string kid, std::shared_ptr<EVP_PKEY> key, bool has_private)
    : kid_(std::move(kid)), key_(std::move(key)), has_private_(has_private) {}

absl::StatusOr<Es256Key> Es256Key::Generate(std::string kid) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) return absl::InternalError("ES256: key generation failed");
  return Es256Key(std::move(kid), Own(key), true);
}

absl::StatusOr<Es256Key> Es256Key::FromPrivatePem(std::string kid, absl::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (raw == nullptr) return absl::InvalidArgumentError("ES256: not a PEM private key");
  std::shared_ptr<EVP_PKEY> key = Own(raw);
  if (!IsP256(key.get())) return absl::InvalidArgumentError("ES256: the key is not EC P-256");
  return Es256Key(std::move(kid), std::move(key), true);
}

absl::StatusOr<Es256Key> Es256Key::FromJwk(const nlohmann::json& jwk) {
  auto text = [&jwk](const char* name) -> std::string {
    auto it = jwk.find(name);
    return it != jwk.end() && it->is_string() ? it->get<std::string>() : "";
  };
  if (text("kty") != "EC" || text("crv") != "P-256") {
    return absl::InvalidArgumentError("JWK: kty EC and crv P-256 expected");
  }
  const std::string kid = text("kid");
  if (kid.empty()) return absl::InvalidArgumentError("JWK: kid missing");
  std::optional<std::string> x = Base64UrlDecode(text("x"));
  std::optional<std::string> y = Base64UrlDecode(text("y"));
  if (!x || !y || x->size() != kCoordinate || y->size() != kCoordinate) {
    return absl::InvalidArgumentError(absl::StrCat("JWK ", kid, ": x and y of 32 bytes expected"));
  }
  const std::string point = absl::StrCat("\x04", *x, *y);  // uncompressed SEC1 point
  ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return absl::InternalError("JWK: OpenSSL parameters");
  }
  Params params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("JWK ", kid, ": not a P-256 public key"));
  }
  std::shared_ptr<EVP_PKEY> key = Own(raw);
  // A point off the curve would make verification meaningless (invalid-curve attacks).
  PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("JWK ", kid, ": the point is not on P-256"));
  }
  return Es256Key(kid, std::move(key), false);
}

absl::StatusOr<std::string> Es256Key::PrivatePem() const {
  if (!has_private_) return absl::FailedPreconditionError("ES256: public key only");
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr,
                                       nullptr) != 1) {
    return absl::InternalError("ES256: cannot write the PEM");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

nlohmann::json Es256Key::PublicJwk() const {
  return nlohmann::json{{"kty", "EC"},
                        {"crv", "P-256"},
                        {"use", "sig"},
                        {"alg", "ES256"},
                        {"kid", kid_},
                        {"x", Base64UrlEncode(Coordinate(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X))},
                        {"y", Base64UrlEncode(Coordinate(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y))}};
}

absl::StatusOr<std::string> Es256Key::Sign(absl::string_view input) const {
  if (!has_private_) return absl::FailedPreconditionError("ES256: public key only");
  MdCtx md(EVP_MD_CTX_new());
  size_t der_length = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("ES256: signing failed");
  }
  std::string der(der_length, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &der_length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("ES256: signing failed");
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_length)));
  if (!sig) return absl::InternalError("ES256: signature not DER");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  std::string raw(2 * kCoordinate, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(r, out, kCoordinate) != static_cast<int>(kCoordinate) ||
      BN_bn2binpad(s, out + kCoordinate, kCoordinate) != static_cast<int>(kCoordinate)) {
    return absl::InternalError("ES256: signature out of range");
  }
  return raw;
}

bool Es256Key::Verify(absl::string_view input, absl::string_view signature) const {
  if (signature.size() != 2 * kCoordinate) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  EcdsaSig sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(bytes, kCoordinate, nullptr);
  BIGNUM* s = BN_bin2bn(bytes + kCoordinate, kCoordinate, nullptr);
  if (!sig || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return false;
  }
  unsigned char* der = nullptr;
  const int der_length = i2d_ECDSA_SIG(sig.get(), &der);
  if (der_length <= 0) return false;
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> der_owner(
      der, [](unsigned char* p) { OPENSSL_free(p); });
  MdCtx md(EVP_MD_CTX_new());
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1 &&
         EVP_DigestVerify(md.get(), der, static_cast<size_t>(der_length),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

}  // namespace ror::authz
