// rorctl audit verify --dir DIR
//   Walks the audit log's hash chain (read-only, beside the running service) and prints
//   "audit: N records verified from sequence S to T" (exit 0) or the first break (exit 1).
// rorctl audit purge --dir DIR [--older_than 8760h]
//   Removes the records older than the retention, service stopped, keeping the chain verifiable.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/audit/audit_log.h"
#include "tools/rorctl/commands.h"

namespace ror::rorctl {
namespace {

constexpr char kVerify[] = "audit verify";
constexpr char kPurge[] = "audit purge";

int Verify(const Args& args) {
  if (absl::Status known = args.CheckKnown({"dir"}); !known.ok()) return UsageError(kVerify, known);
  absl::StatusOr<std::string> dir = args.Required("dir");
  if (!dir.ok()) return UsageError(kVerify, dir.status());
  absl::StatusOr<std::unique_ptr<audit::AuditLog>> log = audit::AuditLog::OpenReadOnly(*dir);
  if (!log.ok()) return Failed(kVerify, log.status());
  absl::StatusOr<audit::ChainReport> report = (*log)->Verify();
  if (!report.ok()) return Failed(kVerify, report.status());
  std::printf("%s\n", audit::Describe(*report).c_str());
  if (report->ok() && report->checkpoint_sequence > 0) {
    std::printf("audit: records up to sequence %lld were purged (checkpoint)\n",
                static_cast<long long>(report->checkpoint_sequence));
  }
  return report->ok() ? kExitOk : kExitFailed;
}

int Purge(const Args& args) {
  if (absl::Status known = args.CheckKnown({"dir", "older_than"}); !known.ok()) {
    return UsageError(kPurge, known);
  }
  absl::StatusOr<std::string> dir = args.Required("dir");
  if (!dir.ok()) return UsageError(kPurge, dir.status());
  absl::StatusOr<absl::Duration> older_than =
      args.Duration("older_than", audit::kDefaultRetention);
  if (!older_than.ok()) return UsageError(kPurge, older_than.status());
  // Open would create an empty log: a mistyped directory must fail instead.
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::path(*dir) / "CURRENT", error)) {
    return Failed(kPurge, absl::NotFoundError(absl::StrCat("aucun journal d'audit dans ", *dir)));
  }
  // Opening for writing takes RocksDB's lock: it fails while the service holds the log.
  absl::StatusOr<std::unique_ptr<audit::AuditLog>> log = audit::AuditLog::Open({.path = *dir});
  if (!log.ok()) {
    return Failed(kPurge, absl::UnavailableError(absl::StrCat(
                              log.status().message(),
                              " (la purge se fait service arrêté : le journal est-il ouvert ?)")));
  }
  absl::StatusOr<audit::PurgeResult> purged = (*log)->Purge(absl::Now(), *older_than);
  if (!purged.ok()) return Failed(kPurge, purged.status());
  std::printf("audit: %lld records purged; the chain starts after sequence %lld\n",
              static_cast<long long>(purged->removed),
              static_cast<long long>(purged->checkpoint_sequence));
  return kExitOk;
}

}  // namespace

int Audit(absl::string_view verb, const Args& args) {
  if (verb == "verify") return Verify(args);
  if (verb == "purge") return Purge(args);
  return UsageError("audit", absl::InvalidArgumentError(absl::StrCat(
                                 "action inconnue « ", verb, " » (verify ou purge)")));
}

}  // namespace ror::rorctl
