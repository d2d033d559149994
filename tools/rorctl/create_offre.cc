// rorctl create-offre --offre H:P --nom "HC Cardiologie" --champ_activite 01 --finess_eg 350000741
//     --modele_saisie 149/01
//                     [--request_id R] [--timeout 10s]
// Creates one offre and prints it as JSON (protobuf JSON mapping). The same --request_id twice
// creates it once and prints the same offre.
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "libs/common/clock.h"
#include "libs/common/ids.h"
#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"
#include "tools/rorctl/offre_client.h"
#include "tools/rorctl/output.h"

namespace ror::rorctl {

int CreateOffre(const Args& args) {
  constexpr char kCommand[] = "create-offre";
  if (absl::Status known = args.CheckKnown({"offre", "nom", "champ_activite", "finess_eg",
                                            "modele_saisie", "request_id", "timeout", "token_file"});
      !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("offre");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());

  v1::CreateOffreRequest request;
  request.set_nom(args.Get("nom"));
  request.set_champ_activite(args.Get("champ_activite"));
  request.set_finess_eg(args.Get("finess_eg"));
  request.set_modele_saisie(args.Get("modele_saisie"));
  std::string request_id = args.Get("request_id");
  if (request_id.empty()) {
    SystemClock clock;
    request_id = absl::StrCat("rorctl-", IdGenerator(clock).NewId());
  }
  request.set_request_id(request_id);

  absl::StatusOr<std::string> authorization = AuthorizationOf(args);
  if (!authorization.ok()) return UsageError(kCommand, authorization.status());
  OffreClient client(*address, *timeout, *std::move(authorization));
  absl::StatusOr<v1::Offre> offre = client.Create(request);
  if (!offre.ok()) return Failed(kCommand, offre.status());
  if (absl::Status printed = PrintJson(*offre); !printed.ok()) return Failed(kCommand, printed);
  return kExitOk;
}

}  // namespace ror::rorctl
