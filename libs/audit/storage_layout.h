#pragma once

// How the audit log lies in RocksDB. Shared by the log and by the tests that tamper with it.
//   column family "records": 8-byte big-endian sequence -> serialized v1::AuditRecord
//   column family "meta":    "head" -> v1::AuditHead, "checkpoint" -> v1::AuditCheckpoint

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace ror::audit {

inline constexpr char kRecordsFamily[] = "records";
inline constexpr char kMetaFamily[] = "meta";
inline constexpr char kHeadKey[] = "head";
inline constexpr char kCheckpointKey[] = "checkpoint";

// Big-endian, so that RocksDB's byte order is sequence order.
inline std::string RecordKey(int64_t sequence) {
  std::string key;
  const auto v = static_cast<uint64_t>(sequence);
  for (int i = 7; i >= 0; --i) key.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return key;
}

// -1 for a key that is not 8 bytes long (not one of ours).
inline int64_t SequenceOfKey(absl::string_view key) {
  if (key.size() != 8) return -1;
  uint64_t v = 0;
  for (char c : key) v = (v << 8) | static_cast<uint8_t>(c);
  return static_cast<int64_t>(v);
}

}  // namespace ror::audit
