#pragma once

// Walks the stored records of an audit log in key order and finds the first place where the
// chain does not hold. Pure: fed bytes, knows nothing of RocksDB.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "ror/v1/audit.pb.h"

namespace ror::audit {

enum class BreakKind {
  kModified,      // a record's content no longer matches its hash (or does not decode)
  kRemoved,       // a sequence number is missing
  kReordered,     // a record sits at another record's place, or is chained after another one
  kTruncated,     // the head names records past the last one stored
  kHeadMismatch,  // the head is missing, or disagrees with the chain (a rewritten chain)
};

// "modified", "removed", "reordered", "truncated", "head mismatch".
const char* BreakKindName(BreakKind kind);

struct ChainBreak {
  int64_t sequence = 0;  // the first sequence at which the chain does not hold
  BreakKind kind = BreakKind::kModified;
  std::string detail;  // what was expected and what was found
};

struct ChainReport {
  int64_t checkpoint_sequence = 0;  // the last purged record; 0 when nothing was purged
  int64_t first_sequence = 1;       // the first record checked: checkpoint_sequence + 1
  int64_t last_sequence = 0;        // the last record checked; first_sequence - 1 when none
  int64_t records = 0;              // records checked
  std::optional<ChainBreak> first_break;

  bool ok() const { return !first_break.has_value(); }
};

// "audit: N records verified from sequence S to T", or
// "audit: chain broken at sequence S (kind): detail".
std::string Describe(const ChainReport& report);

class ChainVerifier {
 public:
  // `checkpoint`: the purge checkpoint, if the log has one. The chain then starts after it.
  explicit ChainVerifier(const std::optional<v1::AuditCheckpoint>& checkpoint);

  // The next stored record in key order. False once the chain is broken: stop feeding.
  bool Add(absl::string_view key, absl::string_view value);

  // Compares the end of the chain with the head (absent when the log never had a record).
  ChainReport Finish(const std::optional<v1::AuditHead>& head);

 private:
  bool Break(int64_t sequence, BreakKind kind, std::string detail);

  ChainReport report_;
  int64_t expected_ = 1;     // the sequence the next record must have
  std::string prev_hash_;    // the hash the next record must name as prev_hash
};

}  // namespace ror::audit
