#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/client_context.h"
#include "tools/rorctl/args.h"

namespace ror::rorctl {

// The bearer credentials of a command: the access token in the file `--token_file` names, or
// else in the file of $ROR_TOKEN_FILE; none (an anonymous caller) when neither is set. The token
// is read from a file, never from the command line, so that it shows in no process list.
// INVALID_ARGUMENT naming the file when it cannot be read or is empty.
absl::StatusOr<std::string> AuthorizationOf(const Args& args);

// The secret the file at `path` holds (a token, a password), without the line break an editor
// adds: other blanks may belong to a password. INVALID_ARGUMENT naming `source` (the option or
// variable that gave the path) and the file when it cannot be read or is empty.
absl::StatusOr<std::string> ReadSecretFile(absl::string_view source, const std::string& path);

// Adds the "authorization" metadata when there is a token.
void Authorize(grpc::ClientContext& context, const std::string& authorization);

}  // namespace ror::rorctl
