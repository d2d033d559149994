#include "libs/audit/chain_verifier.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/audit/chain_hash.h"
#include "libs/audit/storage_layout.h"

namespace ror::audit {

const char* BreakKindName(BreakKind kind) {
  switch (kind) {
    case BreakKind::kModified: return "modified";
    case BreakKind::kRemoved: return "removed";
    case BreakKind::kReordered: return "reordered";
    case BreakKind::kTruncated: return "truncated";
    case BreakKind::kHeadMismatch: return "head mismatch";
  }
  return "unknown";
}

std::string Describe(const ChainReport& report) {
  if (report.first_break.has_value()) {
    const ChainBreak& b = *report.first_break;
    return absl::StrCat("audit: chain broken at sequence ", b.sequence, " (",
                        BreakKindName(b.kind), "): ", b.detail);
  }
  return absl::StrCat("audit: ", report.records, " records verified from sequence ",
                      report.first_sequence, " to ", report.last_sequence);
}

ChainVerifier::ChainVerifier(const std::optional<v1::AuditCheckpoint>& checkpoint)
    : prev_hash_(GenesisHash()) {
  if (checkpoint.has_value()) {
    report_.checkpoint_sequence = checkpoint->sequence();
    expected_ = checkpoint->sequence() + 1;
    prev_hash_ = checkpoint->hash();
  }
  report_.first_sequence = expected_;
  report_.last_sequence = expected_ - 1;
}

bool ChainVerifier::Break(int64_t sequence, BreakKind kind, std::string detail) {
  report_.first_break = ChainBreak{.sequence = sequence, .kind = kind, .detail = std::move(detail)};
  return false;
}

bool ChainVerifier::Add(absl::string_view key, absl::string_view value) {
  if (report_.first_break.has_value()) return false;
  const int64_t at = SequenceOfKey(key);
  if (at < 0) {
    return Break(expected_, BreakKind::kModified,
                 absl::StrCat("a key of ", key.size(), " bytes is not a sequence number"));
  }
  if (at < expected_) {
    // Only a record before the checkpoint can sort before what is expected; a purge removes
    // those in the batch that writes the checkpoint.
    return Break(at, BreakKind::kModified,
                 absl::StrCat("record ", at, " lies at or before the purge checkpoint (sequence ",
                              report_.checkpoint_sequence, ")"));
  }
  if (at > expected_) {
    return Break(expected_, BreakKind::kRemoved,
                 at == expected_ + 1
                     ? absl::StrCat("record ", expected_, " is missing")
                     : absl::StrCat("records ", expected_, " to ", at - 1, " are missing"));
  }
  v1::AuditRecord record;
  if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Break(at, BreakKind::kModified, "the stored record does not decode");
  }
  const std::string hash = RecordHash(record);
  if (hash != record.hash()) {
    return Break(at, BreakKind::kModified,
                 absl::StrCat("content does not match its hash (stored ", Hex(record.hash()),
                              ", computed ", Hex(hash), ")"));
  }
  // Bytes the canonical encoding ignores (an unknown field slipped in) change the stored value
  // without changing the hash; the value we wrote is exactly the record's serialization.
  if (record.SerializeAsString() != value) {
    return Break(at, BreakKind::kModified, "the stored bytes hold more than the hashed record");
  }
  if (record.sequence() != at) {
    return Break(at, BreakKind::kReordered,
                 absl::StrCat("the place of record ", at, " holds record ", record.sequence()));
  }
  if (record.prev_hash() != prev_hash_) {
    return Break(at, BreakKind::kReordered,
                 absl::StrCat("prev_hash ", Hex(record.prev_hash()), " is not the hash of ",
                              at == report_.first_sequence && report_.checkpoint_sequence > 0
                                  ? "the purge checkpoint "
                                  : "the record before ",
                              Hex(prev_hash_),
                              ": records were re-linked (reordered, or removed and re-hashed)"));
  }
  prev_hash_ = hash;
  report_.last_sequence = at;
  ++report_.records;
  ++expected_;
  return true;
}

ChainReport ChainVerifier::Finish(const std::optional<v1::AuditHead>& head) {
  if (report_.first_break.has_value()) return report_;
  const int64_t last = expected_ - 1;
  if (!head.has_value()) {
    if (last > 0) {
      Break(last, BreakKind::kHeadMismatch,
            "the head is missing although the log holds records");
    }
    return report_;
  }
  if (head->sequence() > last) {
    Break(last + 1, BreakKind::kTruncated,
          absl::StrCat("the head names record ", head->sequence(), " but the chain ends at ", last,
                       ": the last records were removed"));
  } else if (head->sequence() < last) {
    Break(head->sequence() + 1, BreakKind::kHeadMismatch,
          absl::StrCat("records ", head->sequence() + 1, " to ", last,
                       " follow the head: they were added outside the log"));
  } else if (head->hash() != prev_hash_) {
    Break(last, BreakKind::kHeadMismatch,
          absl::StrCat("the head's hash ", Hex(head->hash()), " is not the hash of record ", last,
                       " (", Hex(prev_hash_), "): the chain was rewritten"));
  }
  return report_;
}

}  // namespace ror::audit
