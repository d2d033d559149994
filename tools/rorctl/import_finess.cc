// rorctl import finess FILE --offre H:P [--batch 200] [--parallel 8] [--timeout 60s]
// Imports the entités juridiques and établissements of a FINESS extract (official etalab or
// flattened CSV) into the offre service, reports each refused line on stderr, and ends with one
// summary line (EGs, then EJs, then the refused of either kind):
//   imported: N created, M updated, K unchanged; EJ: n created, m updated, k unchanged; E rejected
#include <cstdio>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"
#include "tools/rorctl/finess_import.h"

namespace ror::rorctl {
namespace {

constexpr char kCommand[] = "import finess";

absl::StatusOr<int> PositiveInt(const Args& args, absl::string_view name, int fallback) {
  const std::string text = args.Get(name);
  if (text.empty()) return fallback;
  int value = 0;
  if (!absl::SimpleAtoi(text, &value) || value < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " attend un entier positif (« ", text, " » reçu)"));
  }
  return value;
}

}  // namespace

int ImportFiness(const std::string& path, const Args& args) {
  if (absl::Status known = args.CheckKnown({"offre", "batch", "parallel", "timeout", "token_file"});
      !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("offre");
  if (!address.ok()) return UsageError(kCommand, address.status());
  FinessImportOptions options;
  absl::StatusOr<int> batch = PositiveInt(args, "batch", options.batch_size);
  if (!batch.ok()) return UsageError(kCommand, batch.status());
  absl::StatusOr<int> parallel = PositiveInt(args, "parallel", options.parallel);
  if (!parallel.ok()) return UsageError(kCommand, parallel.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", options.call_timeout);
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());
  options.batch_size = *batch;
  options.parallel = *parallel;
  options.call_timeout = *timeout;
  absl::StatusOr<std::string> authorization = AuthorizationOf(args);
  if (!authorization.ok()) return UsageError(kCommand, authorization.status());
  options.authorization = *std::move(authorization);

  auto stub = v1::EtablissementService::NewStub(
      grpc::CreateChannel(*address, grpc::InsecureChannelCredentials()));
  absl::StatusOr<FinessImportSummary> summary = ImportFinessFile(
      path, *stub, options, [](int line, const std::string& finess, const std::string& reason) {
        std::fprintf(stderr, "ligne %d%s : %s\n", line,
                     finess.empty() ? "" : absl::StrCat(" (", finess, ")").c_str(), reason.c_str());
      });
  if (!summary.ok()) return Failed(kCommand, summary.status());
  const FinessImportCounts& eg = summary->etablissements;
  const FinessImportCounts& ej = summary->entites_juridiques;
  std::printf(
      "imported: %d created, %d updated, %d unchanged; EJ: %d created, %d updated, %d unchanged; "
      "%d rejected\n",
      eg.created, eg.updated, eg.unchanged, ej.created, ej.updated, ej.unchanged,
      summary->rejected);
  return kExitOk;
}

}  // namespace ror::rorctl
