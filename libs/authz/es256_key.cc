#include "libs/authz/es256_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/jose/base64url.h"
#include "libs/jose/ecdsa_signature.h"
#include "nlohmann/json.hpp"

namespace ror::authz {
namespace {

constexpr size_t kCoordinate = 32;  // P-256 field elements

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

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

// A private OpenSSL key as an Es256Key's public half: jose holds it to the P-256 rules.
absl::StatusOr<jose::PublicKey> P256(std::string kid, EVP_PKEY* raw) {
  std::shared_ptr<EVP_PKEY> key(raw, EVP_PKEY_free);
  absl::StatusOr<jose::PublicKey> public_key = jose::PublicKey::FromOpenSsl(std::move(kid), key);
  if (!public_key.ok() || !public_key->Supports("ES256")) {
    return absl::InvalidArgumentError("ES256: the key is not EC P-256");
  }
  return public_key;
}

}  // namespace

Es256Key::Es256Key(jose::PublicKey public_key, bool has_private)
    : public_(std::move(public_key)), has_private_(has_private) {}

absl::StatusOr<Es256Key> Es256Key::Generate(std::string kid) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  if (key == nullptr) return absl::InternalError("ES256: key generation failed");
  absl::StatusOr<jose::PublicKey> public_key = P256(std::move(kid), key);
  if (!public_key.ok()) return public_key.status();
  return Es256Key(*std::move(public_key), true);
}

absl::StatusOr<Es256Key> Es256Key::FromPrivatePem(std::string kid, absl::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  EVP_PKEY* raw = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (raw == nullptr) return absl::InvalidArgumentError("ES256: not a PEM private key");
  absl::StatusOr<jose::PublicKey> public_key = P256(std::move(kid), raw);
  if (!public_key.ok()) return public_key.status();
  return Es256Key(*std::move(public_key), true);
}

absl::StatusOr<Es256Key> Es256Key::FromJwk(const nlohmann::json& jwk) {
  // Cheap checks first: a JWKS may carry other keys (an RSA one is not worth building).
  auto text = [&jwk](const char* name) -> std::string {
    auto it = jwk.find(name);
    return it != jwk.end() && it->is_string() ? it->get<std::string>() : "";
  };
  if (text("kty") != "EC" || text("crv") != "P-256") {
    return absl::InvalidArgumentError("JWK: kty EC and crv P-256 expected");
  }
  if (text("kid").empty()) return absl::InvalidArgumentError("JWK: kid missing");
  absl::StatusOr<jose::PublicKey> public_key = jose::PublicKey::FromJwk(jwk);
  if (!public_key.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(public_key.status().message(), " (kid ", text("kid"), ")"));
  }
  if (!public_key->Supports("ES256")) {
    return absl::InvalidArgumentError(
        absl::StrCat("JWK: not an ES256 key (kid ", text("kid"), ")"));
  }
  return Es256Key(*std::move(public_key), false);
}

absl::StatusOr<std::string> Es256Key::PrivatePem() const {
  if (!has_private_) return absl::FailedPreconditionError("ES256: public key only");
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
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
                        {"kid", kid()},
                        {"x", jose::Base64UrlEncode(Coordinate(key(), OSSL_PKEY_PARAM_EC_PUB_X))},
                        {"y", jose::Base64UrlEncode(Coordinate(key(), OSSL_PKEY_PARAM_EC_PUB_Y))}};
}

absl::StatusOr<std::string> Es256Key::Sign(absl::string_view input) const {
  if (!has_private_) return absl::FailedPreconditionError("ES256: public key only");
  MdCtx md(EVP_MD_CTX_new());
  size_t der_length = 0;
  if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key()) != 1 ||
      EVP_DigestSign(md.get(), nullptr, &der_length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("ES256: signing failed");
  }
  std::string der(der_length, '\0');
  if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(der.data()), &der_length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return absl::InternalError("ES256: signing failed");
  }
  der.resize(der_length);
  std::optional<std::string> raw = jose::Es256DerToRaw(der);
  if (!raw) return absl::InternalError("ES256: OpenSSL's signature does not fit R || S");
  return *std::move(raw);
}

bool Es256Key::Verify(absl::string_view input, absl::string_view signature) const {
  return public_.Verify("ES256", input, signature);
}

}  // namespace ror::authz
