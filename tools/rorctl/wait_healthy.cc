// rorctl wait-healthy --addr H:P [--service ror.v1.OffreService] [--timeout 30s]
// Asks the standard gRPC health service until it answers SERVING; exit 1 on timeout.
#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "tools/rorctl/commands.h"

namespace ror::rorctl {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

int WaitHealthy(const Args& args) {
  constexpr char kCommand[] = "wait-healthy";
  if (absl::Status known = args.CheckKnown({"addr", "service", "timeout"}); !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("addr");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(30));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());
  HealthCheckRequest request;
  request.set_service(args.Get("service"));
  const std::string service = request.service().empty() ? "le serveur" : request.service();

  auto stub = Health::NewStub(grpc::CreateChannel(*address, grpc::InsecureChannelCredentials()));
  const absl::Time deadline = absl::Now() + *timeout;
  std::string last = "aucune réponse";
  while (true) {
    // Each call gets a fair chance to answer, even the last one before the deadline.
    const absl::Duration budget =
        std::clamp(deadline - absl::Now(), absl::Milliseconds(500), absl::Seconds(2));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + budget));
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    if (status.ok() && response.status() == HealthCheckResponse::SERVING) {
      std::fprintf(stderr, "rorctl wait-healthy : %s est prêt sur %s\n", service.c_str(),
                   address->c_str());
      return kExitOk;
    }
    if (status.ok()) {
      last = absl::StrCat("état ", HealthCheckResponse::ServingStatus_Name(response.status()));
    } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      last = "service inconnu de ce serveur";
    } else {
      last = absl::StrCat("injoignable (", status.error_message(), ")");
    }
    absl::SleepFor(absl::Milliseconds(200));
    if (absl::Now() >= deadline) break;
  }
  std::fprintf(stderr, "rorctl wait-healthy : %s n'est pas prêt sur %s après %s : %s\n",
               service.c_str(), address->c_str(), absl::FormatDuration(*timeout).c_str(),
               last.c_str());
  return kExitFailed;
}

}  // namespace ror::rorctl
