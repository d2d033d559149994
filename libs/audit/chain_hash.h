#pragma once

// The hash that chains audit records: SHA-256 over a canonical encoding of every field of the
// record but `hash` itself. Canonical means ours, not protobuf's wire format: protobuf does not
// promise a stable serialization, and a chain must verify years after it was written.

#include <string>

#include "absl/strings/string_view.h"
#include "ror/v1/audit.pb.h"

namespace ror::audit {

inline constexpr size_t kHashSize = 32;  // SHA-256

// The prev_hash of sequence 1.
std::string GenesisHash();

// "ror.audit.v1" then each field in field-number order: integers as 8 bytes big-endian, strings
// and bytes as their length (8 bytes big-endian) then their bytes.
std::string CanonicalEncoding(const v1::AuditRecord& record);

// SHA-256 of CanonicalEncoding(record), 32 raw bytes.
std::string RecordHash(const v1::AuditRecord& record);

// Lower-case hex, for messages and the command line.
std::string Hex(absl::string_view bytes);

}  // namespace ror::audit
