// rorctl search --search H:P [--texte MOTS] [--type offre|etablissement] [--departement 01]
//               [--page_size 20] [--timeout 10s]
// Prints the search's answer as JSON (protobuf JSON mapping): totals per tab, hits, suggestion.
#include "absl/strings/numbers.h"
#include "grpcpp/grpcpp.h"
#include "libs/server/grpc_status.h"
#include "ror/v1/search.grpc.pb.h"
#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"
#include "tools/rorctl/output.h"

namespace ror::rorctl {

int Search(const Args& args) {
  constexpr char kCommand[] = "search";
  if (absl::Status known = args.CheckKnown(
          {"search", "texte", "type", "departement", "page_size", "timeout", "token_file"});
      !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("search");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());
  v1::SearchRequest request;
  request.mutable_criteria()->set_texte(args.Get("texte"));
  if (const std::string departement = args.Get("departement"); !departement.empty()) {
    request.mutable_criteria()->add_departements(departement);
  }
  const std::string type = args.Get("type");
  if (type == "offre") {
    request.set_type(v1::RESULT_TYPE_OFFRE);
  } else if (type == "etablissement") {
    request.set_type(v1::RESULT_TYPE_ETABLISSEMENT);
  } else if (!type.empty()) {
    return UsageError(kCommand, absl::InvalidArgumentError("--type : offre ou etablissement"));
  }
  int page_size = 20;
  if (!absl::SimpleAtoi(args.Get("page_size", "20"), &page_size)) {
    return UsageError(kCommand, absl::InvalidArgumentError("--page_size : un nombre"));
  }
  request.set_page_size(page_size);
  absl::StatusOr<std::string> authorization = AuthorizationOf(args);
  if (!authorization.ok()) return UsageError(kCommand, authorization.status());

  auto stub =
      v1::SearchService::NewStub(grpc::CreateChannel(*address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + *timeout));
  if (!authorization->empty()) context.AddMetadata("authorization", *authorization);
  v1::SearchResponse response;
  if (grpc::Status status = stub->Search(&context, request, &response); !status.ok()) {
    return Failed(kCommand, server::FromGrpcStatus(status));
  }
  if (absl::Status printed = PrintJson(response); !printed.ok()) return Failed(kCommand, printed);
  return kExitOk;
}

}  // namespace ror::rorctl
