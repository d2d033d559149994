#include <cstdio>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "libs/server/grpc_status.h"
#include "ror/v1/auth.grpc.pb.h"
#include "tools/rorctl/commands.h"
#include "tools/rorctl/credentials.h"

namespace ror::rorctl {

int Login(const Args& args) {
  constexpr char kCommand[] = "login";
  if (absl::Status known = args.CheckKnown({"auth", "email", "password_file", "timeout"});
      !known.ok()) {
    return UsageError(kCommand, known);
  }
  absl::StatusOr<std::string> address = args.Required("auth");
  if (!address.ok()) return UsageError(kCommand, address.status());
  absl::StatusOr<std::string> email = args.Required("email");
  if (!email.ok()) return UsageError(kCommand, email.status());
  // From a file: a password on the command line would show in every process list.
  absl::StatusOr<std::string> password_file = args.Required("password_file");
  if (!password_file.ok()) return UsageError(kCommand, password_file.status());
  absl::StatusOr<absl::Duration> timeout = args.Duration("timeout", absl::Seconds(10));
  if (!timeout.ok()) return UsageError(kCommand, timeout.status());
  absl::StatusOr<std::string> password = ReadSecretFile("--password_file", *password_file);
  if (!password.ok()) return UsageError(kCommand, password.status());

  auto stub = v1::AuthService::NewStub(
      grpc::CreateChannel(*address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + *timeout));
  v1::LoginRequest request;
  request.set_email(*email);
  request.set_password(*password);
  v1::TokenPair tokens;
  grpc::Status status = stub->Login(&context, request, &tokens);
  if (!status.ok()) return Failed(kCommand, server::FromGrpcStatus(status));
  std::printf("%s\n", tokens.access_token().c_str());
  return kExitOk;
}

}  // namespace ror::rorctl
