// rorctl get-offre --offre H:P --id 0190… [--timeout 10s]
// Prints the offre as JSON (protobuf JSON mapping).
#include <cstdio>

#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"
#include "tools/rorctl/offre_client.h"
#include "tools/rorctl/output.h"

namespace ror::rorctl {

int GetOffre(const Args& args) {
  constexpr char kCommand[] = "get-offre";
  if (absl::Status known = args.CheckKnown({"offre", "id", "timeout", "token_file"}); !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("offre");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<std::string> id = args.Required("id");
  if (!id.ok()) return UsageError(kCommand, id.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());

  absl::StatusOr<std::string> authorization = AuthorizationOf(args);
  if (!authorization.ok()) return UsageError(kCommand, authorization.status());
  OffreClient client(*address, *timeout, *std::move(authorization));
  absl::StatusOr<v1::Offre> offre = client.Get(*id);
  if (!offre.ok()) return Failed(kCommand, offre.status());
  if (absl::Status printed = PrintJson(*offre); !printed.ok()) return Failed(kCommand, printed);
  return kExitOk;
}

}  // namespace ror::rorctl
