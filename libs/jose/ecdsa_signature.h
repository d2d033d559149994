#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::jose {

// An ES256 signature is R || S in a JWS (RFC 7518 §3.4): two 32-byte big-endian integers. OpenSSL
// reads and writes the DER ECDSA-Sig-Value instead; these convert between the two.
inline constexpr size_t kEs256SignatureSize = 64;

// nullopt unless `raw` is 64 bytes.
std::optional<std::string> Es256RawToDer(absl::string_view raw);
// nullopt unless `der` is exactly one ECDSA-Sig-Value whose R and S fit in 32 bytes.
std::optional<std::string> Es256DerToRaw(absl::string_view der);

}  // namespace ror::jose
