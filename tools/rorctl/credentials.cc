#include "tools/rorctl/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace ror::rorctl {

absl::StatusOr<std::string> AuthorizationOf(const Args& args) {
  std::string path = args.Get("token_file");
  std::string source = "--token_file";
  if (path.empty()) {
    const char* env = std::getenv("ROR_TOKEN_FILE");
    if (env != nullptr) path = env;
    source = "$ROR_TOKEN_FILE";
  }
  if (path.empty()) return std::string();
  absl::StatusOr<std::string> token = ReadSecretFile(source, path);
  if (!token.ok()) return token.status();
  return absl::StrCat("Bearer ", *token);
}

absl::StatusOr<std::string> ReadSecretFile(absl::string_view source, const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (!in || secret.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, " : « ", path, " » est illisible ou vide"));
  }
  return secret;
}

void Authorize(grpc::ClientContext& context, const std::string& authorization) {
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
}

}  // namespace ror::rorctl
