#include "libs/jose/testing/test_key.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>
#include <iostream>
#include <optional>

#include "absl/strings/str_cat.h"
#include "libs/jose/base64url.h"
#include "libs/jose/ecdsa_signature.h"
#include "libs/jose/jws.h"

namespace ror::jose::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::cerr << "test key: " << what << " failed\n";
    std::abort();
  }
}

std::string BnParam(EVP_PKEY* key, const char* name, size_t pad_to = 0) {
  BIGNUM* bn = nullptr;
  Check(EVP_PKEY_get_bn_param(key, name, &bn) == 1, name);
  std::string out(pad_to > 0 ? pad_to : BN_num_bytes(bn), '\0');
  Check(BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), out.size()) > 0, "bn2bin");
  BN_free(bn);
  return out;
}

}  // namespace

TestKey::TestKey(std::string kid, std::shared_ptr<EVP_PKEY> key, bool rsa)
    : kid_(std::move(kid)), key_(std::move(key)), rsa_(rsa) {}

TestKey TestKey::Rsa(std::string kid) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  Check(key != nullptr, "RSA key generation");
  return TestKey(std::move(kid), std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free), true);
}

TestKey TestKey::EcP256(std::string kid) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  Check(key != nullptr, "EC key generation");
  return TestKey(std::move(kid), std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free), false);
}

nlohmann::json TestKey::PublicJwk(absl::string_view alg) const {
  nlohmann::json jwk;
  if (rsa_) {
    jwk = {{"kty", "RSA"},
           {"n", Base64UrlEncode(BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_N))},
           {"e", Base64UrlEncode(BnParam(key_.get(), OSSL_PKEY_PARAM_RSA_E))}};
  } else {
    jwk = {{"kty", "EC"},
           {"crv", "P-256"},
           {"x", Base64UrlEncode(BnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_X, 32))},
           {"y", Base64UrlEncode(BnParam(key_.get(), OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
  }
  jwk["kid"] = kid_;
  jwk["use"] = "sig";
  if (!alg.empty()) jwk["alg"] = std::string(alg);
  return jwk;
}

std::string TestKey::PublicPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(bio != nullptr && PEM_write_bio_PUBKEY(bio, key_.get()) == 1, "PEM export");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, n);
  BIO_free(bio);
  return pem;
}

std::string TestKey::Sign(absl::string_view alg, absl::string_view input) const {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  Check(EVP_DigestSignInit(md, &pctx, EVP_sha256(), nullptr, key_.get()) == 1, "sign init");
  if (alg == "PS256") {
    Check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
              EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1,
          "PSS padding");
  }
  size_t len = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  Check(EVP_DigestSign(md, nullptr, &len, in, input.size()) == 1, "sign size");
  std::string sig(len, '\0');
  Check(
      EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len, in, input.size()) == 1,
      "sign");
  sig.resize(len);
  EVP_MD_CTX_free(md);
  if (rsa_) return sig;
  std::optional<std::string> raw = Es256DerToRaw(sig);
  Check(raw.has_value(), "DER signature");
  return *raw;
}

std::string SignJws(nlohmann::json header, const nlohmann::json& payload, const TestKey& key,
                    absl::string_view alg) {
  if (!header.contains("alg")) header["alg"] = std::string(alg);
  if (!header.contains("kid")) header["kid"] = key.kid();
  const std::string input = SigningInput(header, payload);
  return absl::StrCat(input, ".", Base64UrlEncode(key.Sign(alg, input)));
}

std::string SignHs256Jws(const nlohmann::json& extra_header, const nlohmann::json& payload,
                         absl::string_view secret) {
  nlohmann::json header = extra_header;
  header["alg"] = "HS256";
  const std::string input = SigningInput(header, payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  Check(HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
             reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac,
             &len) != nullptr,
        "HMAC");
  return absl::StrCat(input, ".",
                      Base64UrlEncode(absl::string_view(reinterpret_cast<char*>(mac), len)));
}

std::string UnsignedJws(const nlohmann::json& extra_header, const nlohmann::json& payload) {
  nlohmann::json header = extra_header;
  header["alg"] = "none";
  return absl::StrCat(SigningInput(header, payload), ".");
}

}  // namespace ror::jose::testing
