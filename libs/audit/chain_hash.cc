#include "libs/audit/chain_hash.h"

#include <openssl/evp.h>

#include <cstdint>

#include "absl/strings/escaping.h"

namespace ror::audit {
namespace {

// Bumped if the encoding ever changes, so that old and new chains cannot be confused.
constexpr absl::string_view kDomain = "ror.audit.v1";

void PutInt(std::string& out, int64_t value) {
  const auto v = static_cast<uint64_t>(value);
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Length-prefixed, so that ("ab", "c") and ("a", "bc") encode differently.
void PutBytes(std::string& out, absl::string_view bytes) {
  PutInt(out, static_cast<int64_t>(bytes.size()));
  out.append(bytes.data(), bytes.size());
}

}  // namespace

std::string GenesisHash() { return std::string(kHashSize, '\0'); }

std::string CanonicalEncoding(const v1::AuditRecord& r) {
  std::string out;
  out.reserve(256);
  PutBytes(out, kDomain);
  PutInt(out, r.sequence());                  // 1
  PutInt(out, r.recorded_at().seconds());     // 2
  PutInt(out, r.recorded_at().nanos());
  PutInt(out, r.actor().kind());              // 3
  PutBytes(out, r.actor().subject());
  PutBytes(out, r.actor().display_name());
  PutBytes(out, r.method());                  // 4
  PutBytes(out, r.stream_id());               // 5
  PutInt(out, r.stream_version());            // 6
  PutBytes(out, r.request_id());              // 7
  PutBytes(out, r.peer());                    // 8
  PutInt(out, r.outcome_code());              // 9
  PutBytes(out, r.outcome());                 // 10
  PutBytes(out, r.outcome_message());         // 11
  PutBytes(out, r.prev_hash());               // 12
  return out;
}

std::string RecordHash(const v1::AuditRecord& record) {
  const std::string encoding = CanonicalEncoding(record);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // EVP_Digest cannot fail for SHA-256 short of memory exhaustion; an empty hash would then
  // never match, which Verify reports, so the failure is not silent.
  if (EVP_Digest(encoding.data(), encoding.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    return std::string();
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string Hex(absl::string_view bytes) { return absl::BytesToHexString(bytes); }

}  // namespace ror::audit
